package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.records.SensitiveRetagging;

/**
 * {@code java -jar yiwang.jar records-retag-sensitive}: tags entries written before their code was on the sensitive
 * code list ({@code records/sensitive-codes.tsv}: HIV tests and antiretrovirals, psychiatric drugs, pregnancy tests…)
 * with their sensitive category. Idempotent; safe while the server runs.
 */
@Component
class RecordsRetagSensitiveCommand implements CliCommand {

    private final SensitiveRetagging retagging;

    RecordsRetagSensitiveCommand(SensitiveRetagging retagging) {
        this.retagging = retagging;
    }

    @Override
    public String name() {
        return "records-retag-sensitive";
    }

    @Override
    public String description() {
        return "tag existing record entries whose code is on the sensitive code list (one-off backfill, idempotent)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        long started = System.nanoTime();
        long tagged = retagging.retagAll(n -> { });
        out.printf("tagged %,d entries as sensitive in %.1f s%n", tagged, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
