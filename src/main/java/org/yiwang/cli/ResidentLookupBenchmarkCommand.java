package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.ResidentLookupBenchmark;

/**
 * {@code java -jar yiwang.jar mpi-bench --confirm-scratch [--residents N] [--lookups K] [--keep]}: fills a scratch
 * database with N synthetic residents (default 1,000,000) and times the registration's likely-existing lookup and
 * the resident searches, K runs each, printing p50/p95/max and the plan of the trigram branch.
 */
@Component
class ResidentLookupBenchmarkCommand implements CliCommand {

    private final ResidentLookupBenchmark benchmark;

    ResidentLookupBenchmarkCommand(ResidentLookupBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public String name() {
        return "mpi-bench";
    }

    @Override
    public String description() {
        return "time resident candidate lookup and search at county scale (scratch database only: --confirm-scratch)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.contains("--confirm-scratch")) {
            out.println("mpi-bench inserts synthetic residents. Run it on a scratch database, e.g.");
            out.println("  java -jar target/yiwang.jar mpi-bench --confirm-scratch --residents 1000000 "
                    + "--yiwang.embedded-db.data-directory=/tmp/yiwang-bench/pg --yiwang.crypto.key-file=/tmp/yiwang-bench/key");
            return 2;
        }
        int residents = option(args, "--residents", 1_000_000);
        int lookups = option(args, "--lookups", 200);
        ResidentLookupBenchmark.Report report = benchmark.run(residents, lookups, 20261123L);
        out.printf("residents on file: %,d (inserted now: %,d in %.1f s)%n", report.residentsOnFile(),
                report.insertedResidents(), report.fillSeconds());
        for (ResidentLookupBenchmark.Timing t : report.timings()) {
            out.printf("%-80s runs=%d p50=%.2f ms p95=%.2f ms max=%.2f ms rows/run=%.1f%n", t.lookup(), t.runs(),
                    t.p50Ms(), t.p95Ms(), t.maxMs(), t.meanRows());
        }
        out.println("plan of the trigram branch:");
        report.candidatePlan().forEach(line -> out.println("  " + line));
        if (!args.contains("--keep")) {
            out.printf("removed %,d synthetic residents%n", benchmark.clean());
        }
        return 0;
    }

    private static int option(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
    }
}
