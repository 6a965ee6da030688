package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

class VentricularEvaluationTests {

    @TempDir
    Path dir;

    @Test
    void scoresTheVentricularBeatsOfAnAnnotatedSyntheticRecord() throws IOException {
        SyntheticEcg ecg = EcgEvaluationTests.writeRecord(dir, "pvc", SyntheticEcgSpec.sinus(360, 120, 70)
                .withLeads(List.of("MLII", "V1")).withVentricularEctopics(0.1).withGaussianNoise(10), 3, List.of());
        long ventricular = ecg.beatKinds().chars().filter(c -> c == 'V').count();

        VentricularEvaluation.Report report = new VentricularEvaluation().evaluate(dir);

        assertThat(ventricular).isGreaterThan(5);
        assertThat(report.records()).singleElement().satisfies(r -> assertThat(r.record()).isEqualTo("pvc"));
        VentricularScore total = report.total();
        assertThat(total.vebTruePositives() + total.vebFalseNegatives()).isEqualTo((int) ventricular);
        assertThat(total.vebSensitivityPercent()).isGreaterThanOrEqualTo(90);
        assertThat(total.vebPositivePredictivityPercent()).isGreaterThanOrEqualTo(90);
        assertThat(total.falseRuns()).isZero();
        assertThat(report.recordingSeconds()).isEqualTo(120.0);
    }

    @Test
    void explainsADirectoryWithoutAnnotatedRecords() throws IOException {
        Files.writeString(dir.resolve("x.hea"), "x 1 360 0\nx.dat 16\n");

        assertThatThrownBy(() -> new VentricularEvaluation().evaluate(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("no WFDB record with a .atr");
    }
}
