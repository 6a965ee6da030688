package org.yiwang.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yiwang.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuditBenchmarkCommandIntegrationTests {

    private final AuditBenchmarkCommand command;

    @Autowired
    AuditBenchmarkCommandIntegrationTests(AuditBenchmarkCommand command) {
        this.command = command;
    }

    @Test
    void refusesToWriteAuditEntriesWithoutScratchConfirmation() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.run(List.of("--events", "10"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("scratch database");
    }

    @Test
    void reportsRatesAndAnIntactChain() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.run(List.of("--confirm-scratch", "--events", "300", "--threads", "3"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("audit-bench events=300 threads=3 write_per_s=\\d+")
                .contains("intact=true", "algorithm=HMAC-SM3");
    }
}
