package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.Deduplication;

/**
 * {@code java -jar yiwang.jar mpi-dedup [--threads N]}: batch deduplication of every living resident — merges the
 * pairs the matching engine links, queues the pairs it sends to review — and prints what it did and how long each
 * phase took. Idempotent: a re-run merges and queues nothing already handled.
 */
@Component
class MpiDedupCommand implements CliCommand {

    private final Deduplication deduplication;

    MpiDedupCommand(Deduplication deduplication) {
        this.deduplication = deduplication;
    }

    @Override
    public String name() {
        return "mpi-dedup";
    }

    @Override
    public String description() {
        return "deduplicate all residents: merge automatic links, queue pairs for review [--threads N]";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--threads") && i + 1 < args.size()) {
                try {
                    threads = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    threads = 0;
                }
                if (threads < 1 || threads > 256) {
                    out.println("--threads must be a number from 1 to 256");
                    return 2;
                }
            } else {
                out.println("usage: mpi-dedup [--threads N]");
                return 2;
            }
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            Deduplication.Report r = deduplication.run(pool);
            out.printf("mpi-dedup residents=%d threads=%d candidate_pairs=%d oversized_blocks=%d link_pairs=%d "
                            + "merged=%d review_pairs=%d queued=%d%n", r.residents(), threads, r.candidatePairs(),
                    r.oversizedBlocks(), r.linkPairs(), r.merged(), r.reviewPairs(), r.queued());
            out.printf("stages_s: read+decrypt=%.1f match=%.1f write=%.1f total=%.1f%n", r.readMillis() / 1000.0,
                    r.matchMillis() / 1000.0, r.writeMillis() / 1000.0, r.totalMillis() / 1000.0);
            return 0;
        } finally {
            pool.shutdown();
        }
    }
}
