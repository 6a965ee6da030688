package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.LinkageBenchmark;

/**
 * {@code java -jar yiwang.jar linkage-bench [--records N] [--threads T] [--seed S]}: batch deduplication speed of
 * the record-linkage engine on N synthetic Chinese resident registrations (default 1,000,000), stage by stage.
 */
@Component
class LinkageBenchCommand implements CliCommand {

    @Override
    public String name() {
        return "linkage-bench";
    }

    @Override
    public String description() {
        return "batch deduplication speed on synthetic residents (--records N, --threads T)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int records;
        int threads;
        long seed;
        try {
            records = intOption(args, "--records", 1_000_000);
            threads = intOption(args, "--threads", Runtime.getRuntime().availableProcessors());
            seed = intOption(args, "--seed", 1);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: linkage-bench [--records N] [--threads T] [--seed S]");
            return 2;
        }
        LinkageBenchmark.Result result;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            result = LinkageBenchmark.run(records, seed, pool);
        }
        out.printf(Locale.ROOT, "linkage-bench records=%d threads=%d candidate_pairs=%d oversized_blocks=%d "
                        + "em_iterations=%d%n", result.records(), threads, result.candidatePairs(),
                result.oversizedBlocks(), result.emIterations());
        out.printf(Locale.ROOT, "stages_s: prepare=%.1f blocking=%.1f compare=%.1f u_random_pairs=%.1f em=%.1f "
                        + "score=%.1f (generate=%.1f, not counted)%n", result.prepareSeconds(), result.blockingSeconds(),
                result.patternSeconds(), result.uSeconds(), result.emSeconds(), result.scoreSeconds(),
                result.generateSeconds());
        out.printf(Locale.ROOT, "links=%d review=%d true_pairs=%d precision=%.4f recall=%.4f dedup_seconds=%.1f%n",
                result.links(), result.reviews(), result.truePairs(), result.precision(), result.recall(),
                result.totalSeconds());
        return 0;
    }

    private static int intOption(List<String> args, String name, int fallback) {
        int index = args.indexOf(name);
        if (index < 0) {
            return fallback;
        }
        if (index + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        try {
            int value = Integer.parseInt(args.get(index + 1));
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
