package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.ResidentLookupBenchmark;
import org.yiwang.mpi.SyntheticResidentLoader;

/**
 * {@code java -jar yiwang.jar mpi-bench --confirm-scratch [--residents N] [--seed S] [--lookups K] [--callers C]
 * [--threads T]}: loads N synthetic residents (default 1,000,000) with {@code mpi-load}'s loader when fewer are on
 * file, then times the registration form's likely-existing lookup (K probes of existing persons registered again and
 * K of new persons, single-threaded and with C concurrent callers) and the candidate queries and searches, printing
 * p50/p95/p99/max and the recall of the true person. The synthetic residents stay for further runs;
 * {@code mpi-load --clean} removes them.
 */
@Component
class ResidentLookupBenchmarkCommand implements CliCommand {

    private final ResidentLookupBenchmark benchmark;
    private final SyntheticResidentLoader loader;

    ResidentLookupBenchmarkCommand(ResidentLookupBenchmark benchmark, SyntheticResidentLoader loader) {
        this.benchmark = benchmark;
        this.loader = loader;
    }

    @Override
    public String name() {
        return "mpi-bench";
    }

    @Override
    public String description() {
        return "time the registration lookup and resident search at county scale (scratch database only: --confirm-scratch)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.contains("--confirm-scratch")) {
            ResidentLoadCommand.scratchHint(name(), out);
            return 2;
        }
        int residents = ResidentLoadCommand.option(args, "--residents", 1_000_000);
        long seed = ResidentLoadCommand.option(args, "--seed", ResidentLoadCommand.DEFAULT_SEED);
        ResidentLoadCommand.load(loader, residents, seed, ResidentLoadCommand.option(args, "--threads", 2), out);
        int lookups = ResidentLoadCommand.option(args, "--lookups", 1000);
        int callers = ResidentLoadCommand.option(args, "--callers", 4);
        long started = System.nanoTime();
        ResidentLookupBenchmark.Report report = benchmark.run(lookups, callers, seed + 17);
        out.printf("residents on file: %,d; benchmark took %.0f s%n", report.residentsOnFile(),
                (System.nanoTime() - started) / 1e9);
        for (ResidentLookupBenchmark.Timing t : report.timings()) {
            out.printf("%-82s callers=%d runs=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms rows/run=%.1f%n",
                    t.lookup(), t.callers(), t.runs(), t.p50Ms(), t.p95Ms(), t.p99Ms(), t.maxMs(), t.meanRows());
        }
        print("existing persons registered again", report.existingRecall(), out);
        print("new persons (any candidate is a false alarm)", report.newPersons(), out);
        out.println("plan of the trigram branch:");
        report.candidatePlan().forEach(line -> out.println("  " + line));
        return 0;
    }

    private static void print(String kind, ResidentLookupBenchmark.Recall r, PrintStream out) {
        out.printf("%s: %d probes; ID number already registered: %d (holder is the same person: %d); "
                        + "looked up by candidates: %d, true person among them: %d (%.1f %%), ranked first: %d "
                        + "(%.1f %%), candidates shown per lookup: %.2f; refused otherwise: %d%n",
                kind, r.probes(), r.idAlreadyRegistered(), r.idHolderIsPerson(), r.throughCandidates(),
                r.foundByCandidates(), 100.0 * r.foundByCandidates() / Math.max(1, r.throughCandidates()),
                r.foundFirst(), 100.0 * r.foundFirst() / Math.max(1, r.throughCandidates()), r.meanCandidates(),
                r.rejected());
    }
}
