package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.SyntheticResidentLoader;

/**
 * {@code java -jar yiwang.jar mpi-load --confirm-scratch [--residents N] [--seed S] [--threads T]} loads N synthetic
 * residents (default 1,000,000; realistic registrations with duplicates, really encrypted and blind-indexed, marked
 * {@code created_by = 'benchmark'}) into a scratch database; {@code mpi-load --confirm-scratch --clean} removes them.
 */
@Component
class ResidentLoadCommand implements CliCommand {

    static final long DEFAULT_SEED = 20261123L;

    private final SyntheticResidentLoader loader;

    ResidentLoadCommand(SyntheticResidentLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "mpi-load";
    }

    @Override
    public String description() {
        return "load (or --clean) synthetic residents with duplicates for benchmarks (scratch database only: --confirm-scratch)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.contains("--confirm-scratch")) {
            scratchHint(name(), out);
            return 2;
        }
        if (args.contains("--clean")) {
            out.printf("removed %,d synthetic residents%n", loader.clean());
            return 0;
        }
        load(loader, option(args, "--residents", 1_000_000), option(args, "--seed", DEFAULT_SEED),
                option(args, "--threads", 2), out);
        return 0;
    }

    static void load(SyntheticResidentLoader loader, int residents, long seed, int threads, PrintStream out) {
        out.printf("loading synthetic residents up to %,d (seed %d, %d encrypting threads) ...%n", residents, seed,
                threads);
        SyntheticResidentLoader.LoadReport r = loader.load(residents, seed, threads, out);
        out.printf("synthetic residents on file: %,d of %,d persons (inserted now: %,d); with ID number: %,d, "
                        + "with phone: %,d; load %.1f s (generate+encrypt+copy %.1f s of which copy %.1f s, "
                        + "documents/phones/households/versions/analyze %.1f s)%n",
                r.residents(), r.persons(), r.inserted(), r.withIdNumber(), r.withPhone(), r.seconds(),
                r.seconds() - r.completeSeconds(), r.copySeconds(), r.completeSeconds());
    }

    static void scratchHint(String command, PrintStream out) {
        out.println(command + " writes synthetic residents. Run it on a scratch database, e.g.");
        out.println("  java -jar target/yiwang.jar " + command + " --confirm-scratch --residents 1000000 "
                + "--yiwang.embedded-db.data-directory=/tmp/mpiscale/pg --yiwang.crypto.key-file=/tmp/mpiscale/key");
    }

    static int option(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
    }

    static long option(List<String> args, String name, long fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Long.parseLong(args.get(at + 1)) : fallback;
    }
}
