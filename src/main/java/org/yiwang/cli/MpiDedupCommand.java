package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.Deduplication;
import org.yiwang.mpi.SyntheticResidentLoader;

/**
 * {@code java -jar yiwang.jar mpi-dedup [--threads N]}: batch deduplication of every living resident — merges the
 * pairs the matching engine links, queues the pairs it sends to review — and prints what it did and how long each
 * phase took. Idempotent: a re-run merges and queues nothing already handled. On a scratch database loaded by
 * {@code mpi-load} it also prints the precision and recall of the merges against the synthetic residents' truth.
 */
@Component
class MpiDedupCommand implements CliCommand {

    private final Deduplication deduplication;
    private final SyntheticResidentLoader synthetic;

    MpiDedupCommand(Deduplication deduplication, SyntheticResidentLoader synthetic) {
        this.deduplication = deduplication;
        this.synthetic = synthetic;
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
            } else if (!args.get(i).matches("--[a-z][a-z0-9.-]*=.*")) { // Spring properties (--yiwang.x=y) pass
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
            synthetic.linkQuality().ifPresent(q -> out.printf(java.util.Locale.ROOT,
                    "against the truth of mpi-load's synthetic residents: records=%d persons=%d duplicates=%d "
                            + "merged=%d merged_same_person=%d precision=%.4f recall=%.4f pending_review_pairs=%d "
                            + "pending_same_person=%d%n", q.records(), q.persons(), q.duplicates(), q.merged(),
                    q.mergedCorrectly(), q.precision(), q.recall(), q.pendingPairs(), q.pendingSamePerson()));
            return 0;
        } finally {
            pool.shutdown();
        }
    }
}
