package org.yiwang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yiwang.IntegrationTest;

/** {@code mpi-dedup} on the demo county: the duplicates were handled on first start, so a run finds nothing new. */
@IntegrationTest
class MpiDedupCommandIntegrationTests {

    @Autowired
    MpiDedupCommand command;

    private String run(List<String> args, int expectedStatus) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(command.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo(expectedStatus);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rerunOnTheDemoCountyReportsItsPhasesAndQueuesNothingNew() {
        String output = run(List.of("--threads", "2"), 0);
        assertThat(output).containsPattern("mpi-dedup residents=\\d{4,} threads=2 candidate_pairs=\\d+")
                .contains(" merged=0 ").contains(" queued=0")
                .containsPattern("stages_s: read\\+decrypt=[0-9.]+ match=[0-9.]+ write=[0-9.]+ total=[0-9.]+");
    }

    @Test
    void acceptsSpringPropertiesOnTheCommandLineAndPrintsNoTruthWithoutSyntheticResidents() {
        String output = run(List.of("--threads", "1", "--yiwang.mpi.page-size=20"), 0);
        assertThat(output).contains("mpi-dedup residents=").doesNotContain("against the truth");
    }

    @Test
    void refusesUnknownArgumentsAndBadThreadCounts() {
        assertThat(run(List.of("--threads", "zero"), 2)).contains("--threads must be a number from 1 to 256");
        assertThat(run(List.of("--fast"), 2)).contains("usage: mpi-dedup");
    }
}
