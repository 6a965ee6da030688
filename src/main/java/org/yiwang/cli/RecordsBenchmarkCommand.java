package org.yiwang.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.SyntheticRecordLoader;
import org.yiwang.records.TimelinePage;
import org.yiwang.records.TimelineQuery;

/**
 * {@code java -jar yiwang.jar records-bench [--requests N]} times the record reads behind the clinician's page for
 * residents with ≈ 500-item histories (after {@code records-load}): first timeline page, a deep page, the blood-pressure
 * series and the header (problems, medications, allergies). Every read is audited as in production; run as a system
 * job, so the care-relationship check (1–3 indexed queries) is not included.
 */
@Component
class RecordsBenchmarkCommand implements CliCommand {

    private static final String PURPOSE = "性能测试";

    private final HealthRecord record;
    private final SyntheticRecordLoader loader;

    RecordsBenchmarkCommand(HealthRecord record, SyntheticRecordLoader loader) {
        this.record = record;
        this.loader = loader;
    }

    @Override
    public String name() {
        return "records-bench";
    }

    @Override
    public String description() {
        return "time the clinician record reads for residents with ≈500 items (after records-load)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int requests = ResidentLoadCommand.option(args, "--requests", 2_000);
        List<Long> subjects = loader.residentsWithAtLeast(450, 200);
        if (subjects.isEmpty()) {
            out.println("no resident has ≈500 entries: run records-load first");
            return 2;
        }
        out.printf("%d residents with ≥ 450 entries; %,d requests per read%n", subjects.size(), requests);
        Instant fiveYears = Instant.now().minus(Duration.ofDays(5 * 365));
        measure(out, "timeline first page (50)", requests, subjects,
                r -> record.timeline(r, TimelineQuery.all(), PURPOSE));
        measure(out, "timeline 5th page (50)", requests, subjects, r -> {
            TimelineQuery q = TimelineQuery.all();
            TimelinePage page = null;
            for (int i = 0; i < 5; i++) {
                page = record.timeline(r, q, PURPOSE);
                if (page.next() == null) {
                    break;
                }
                q = q.next(page.next());
            }
        });
        measure(out, "blood-pressure series (5 y)", requests, subjects,
                r -> record.series(r, List.of("85354-9"), fiveYears, 200, PURPOSE));
        measure(out, "header: problems + medications + allergies", requests, subjects, r -> {
            record.activeProblems(r, PURPOSE);
            record.activeMedications(r, PURPOSE);
            record.allergies(r, PURPOSE);
        });
        return 0;
    }

    private static void measure(PrintStream out, String label, int requests, List<Long> subjects, LongConsumer read) {
        for (int i = 0; i < Math.min(200, requests); i++) {
            read.accept(subjects.get(i % subjects.size()));
        }
        List<Long> nanos = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            read.accept(subjects.get((i * 7) % subjects.size()));
            nanos.add(System.nanoTime() - started);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("%-45s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%n", label, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
