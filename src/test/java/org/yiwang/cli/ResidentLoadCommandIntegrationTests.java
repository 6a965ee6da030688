package org.yiwang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

/** The load and benchmark commands write synthetic residents only when told the database is a scratch one. */
@IntegrationTest
class ResidentLoadCommandIntegrationTests {

    @Autowired
    ResidentLoadCommand load;

    @Autowired
    ResidentLookupBenchmarkCommand bench;

    @Autowired
    MpiDedupCommand dedup;

    @Autowired
    JdbcClient jdbc;

    /** Version and update time of every record outside the synthetic ones that a deduplication ever changed. */
    private String touchedByDeduplication() {
        return jdbc.sql("""
                        select coalesce(string_agg(id || ':' || version || ':' || updated_at, ',' order by id), '')
                        from mpi.resident where updated_by = 'system:dedup' and created_by = 'system:demo'""")
                .query(String.class).single();
    }

    private long residents() {
        return jdbc.sql("select count(*) from mpi.resident").query(Long.class).single();
    }

    @Test
    void mpiLoadRefusesWithoutScratchConfirmationAndWritesNothing() {
        long before = residents();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = load.run(List.of("--residents", "100"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("scratch database", "--confirm-scratch");
        assertThat(residents()).isEqualTo(before);
    }

    @Test
    void mpiLoadCleanAlsoNeedsScratchConfirmation() {
        long before = residents();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(load.run(List.of("--clean"), new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(residents()).isEqualTo(before);
    }

    @Test
    void mpiBenchRefusesWithoutScratchConfirmationAndWritesNothing() {
        long before = residents();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = bench.run(List.of("--residents", "100"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("scratch database");
        assertThat(residents()).isEqualTo(before);
    }

    @Test
    void mpiBenchLoadsSyntheticResidentsTimesTheRegistrationLookupMpiDedupScoresItsMergesAndMpiLoadCleanRemovesThem() {
        long before = residents();
        String touchedBefore = touchedByDeduplication();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try {
            int exit = bench.run(List.of("--confirm-scratch", "--residents", "7000", "--lookups", "40", "--callers",
                    "2", "--seed", "99"), print);
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("synthetic residents on file: 7,000")
                    .containsPattern("registration lookup, existing person registered again +callers=1 runs=40 "
                            + "p50=[0-9.]+ ms p95=[0-9.]+ ms p99=[0-9.]+ ms")
                    .containsPattern("registration lookup, new person +callers=2 runs=40")
                    .containsPattern("existing persons registered again: 40 probes; .*true person among them: "
                            + "[1-9][0-9]* ");
            // mpi-dedup merges the synthetic duplicates and scores the merges against the truth
            assertThat(dedup.run(List.of("--threads", "2"), print)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .containsPattern("against the truth of mpi-load's synthetic residents: records=7000 persons=\\d+ "
                            + "duplicates=\\d+ merged=[1-9]\\d+ merged_same_person=\\d+ precision=(0\\.9\\d+|1\\.0000) "
                            + "recall=0\\.[5-9]\\d+");
        } finally {
            assertThat(load.run(List.of("--confirm-scratch", "--clean"), print)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("removed 7,000 synthetic residents");
        assertThat(residents()).isEqualTo(before);
        // no record of the demo county was merged or changed by the deduplication (other test classes' fixtures may
        // be real duplicates of one another, which a run over the whole index rightly merges)
        assertThat(touchedByDeduplication()).isEqualTo(touchedBefore);
    }
}
