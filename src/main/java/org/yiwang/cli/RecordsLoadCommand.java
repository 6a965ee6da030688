package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.SyntheticResidentLoader;
import org.yiwang.records.SyntheticRecordLoader;

/**
 * {@code java -jar yiwang.jar records-load --confirm-scratch [--residents N] [--heavy-every K] [--seed S]} loads a
 * synthetic county into a scratch database: N residents as {@code mpi-load} does (default 1,000,000), then a health
 * record for each (chronic follow-ups, checks, vaccinations, stays…; about 20 entries per resident on average), every
 * K-th resident (default 5,000) with a long ≈ 500-item history for the timeline benchmark. Resumable.
 */
@Component
class RecordsLoadCommand implements CliCommand {

    private final SyntheticResidentLoader residents;
    private final SyntheticRecordLoader records;

    RecordsLoadCommand(SyntheticResidentLoader residents, SyntheticRecordLoader records) {
        this.residents = residents;
        this.records = records;
    }

    @Override
    public String name() {
        return "records-load";
    }

    @Override
    public String description() {
        return "load synthetic residents and their health records for benchmarks (scratch database only: --confirm-scratch)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.contains("--confirm-scratch")) {
            ResidentLoadCommand.scratchHint(name(), out);
            return 2;
        }
        ResidentLoadCommand.load(residents, ResidentLoadCommand.option(args, "--residents", 1_000_000),
                ResidentLoadCommand.option(args, "--seed", ResidentLoadCommand.DEFAULT_SEED),
                ResidentLoadCommand.option(args, "--threads", 2), out);
        out.println("loading health records ...");
        SyntheticRecordLoader.LoadReport r = records.load(ResidentLoadCommand.option(args, "--seed",
                ResidentLoadCommand.DEFAULT_SEED), ResidentLoadCommand.option(args, "--heavy-every", 5_000), out);
        out.printf("health records: %,d entries for %,d residents (%,d with ≈500-item histories), %,d treating "
                + "relationships, %.1f s (%.0f entries/s)%n", r.entries(), r.residents(), r.heavyResidents(),
                r.relationships(), r.seconds(), r.entries() / Math.max(r.seconds(), 1e-9));
        return 0;
    }
}
