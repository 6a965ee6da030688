package org.yiwang.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.VerificationReport;

/**
 * {@code java -jar yiwang.jar audit-bench --confirm-scratch [--events N] [--threads T]}: how fast audited
 * reads can be recorded (one insert per read, each in its own transaction, from T threads, while the sealer
 * chains them in the background), and how fast the chain is then sealed and verified. It writes real,
 * permanent audit entries, so it runs only on a scratch database and only with {@code --confirm-scratch}.
 */
@Component
class AuditBenchmarkCommand implements CliCommand {

    private final AuditTrail audit;
    private final AuditVerification verification;

    AuditBenchmarkCommand(AuditTrail audit, AuditVerification verification) {
        this.audit = audit;
        this.verification = verification;
    }

    @Override
    public String name() {
        return "audit-bench";
    }

    @Override
    public String description() {
        return "measure audit-trail write, seal and verify rates (scratch database only: --confirm-scratch)";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        if (!args.contains("--confirm-scratch")) {
            out.println("audit-bench writes permanent audit entries. Run it on a scratch database, e.g.");
            out.println("  java -jar target/yiwang.jar audit-bench --confirm-scratch "
                    + "--yiwang.embedded-db.data-directory=/tmp/yiwang-bench/pg --yiwang.crypto.key-file=/tmp/yiwang-bench/key");
            return 2;
        }
        int events = intOption(args, "--events", 200_000);
        int threads = intOption(args, "--threads", 8);
        verification.verify();

        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                        audit.record(AuditEvent.read(1 + i % 1_000_000, "VIEW_RECORD", "Observation",
                                String.valueOf(i), "TREATMENT"));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double writeSeconds = seconds(started);

        long sealStarted = System.nanoTime();
        VerificationReport sealedAndVerified = verification.verify();
        double sealAndVerifySeconds = seconds(sealStarted);
        long verifyStarted = System.nanoTime();
        VerificationReport verified = verification.verify();
        double verifySeconds = seconds(verifyStarted);

        out.printf("audit-bench events=%d threads=%d write_per_s=%.0f write_s=%.2f seal_backlog_and_verify_s=%.2f "
                        + "verify_s=%.2f verify_entries_per_s=%.0f chain_entries=%d intact=%s algorithm=%s%n",
                events, threads, events / writeSeconds, writeSeconds, sealAndVerifySeconds, verifySeconds,
                verified.entriesChecked() / verifySeconds, verified.entriesChecked(),
                sealedAndVerified.intact() && verified.intact(), verified.algorithm());
        return verified.intact() ? 0 : 1;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static int intOption(List<String> args, String name, int fallback) {
        int index = args.indexOf(name);
        if (index < 0) {
            return fallback;
        }
        if (index + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        int value = Integer.parseInt(args.get(index + 1));
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
