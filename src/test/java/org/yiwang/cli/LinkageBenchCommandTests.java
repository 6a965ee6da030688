package org.yiwang.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkageBenchCommandTests {

    @Test
    void reportsStageTimesAndAccuracyOnSyntheticResidents() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = new LinkageBenchCommand().run(List.of("--records", "5000", "--threads", "2"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(output).contains("linkage-bench records=5000 threads=2").contains("stages_s: prepare=")
                .containsPattern("precision=(0\\.999\\d|1\\.0000) recall=0\\.9\\d{3} dedup_seconds=\\d+\\.\\d");
    }

    @Test
    void rejectsANonNumericRecordCount() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(new LinkageBenchCommand().run(List.of("--records", "many"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--records must be a whole number");
    }
}
