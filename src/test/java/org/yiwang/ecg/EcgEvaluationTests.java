package org.yiwang.ecg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbRecord;
import org.yiwang.ecg.format.WfdbSignalFormat;
import org.yiwang.ecg.format.WfdbWriter;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcgEvaluationTests {

    @TempDir
    Path dir;

    /** Writes a synthetic two-lead 360 Hz record with its true beats as a reference annotation file. */
    static SyntheticEcg writeRecord(Path dir, String name, SyntheticEcgSpec spec, long seed, List<Annotation> extra)
            throws IOException {
        SyntheticEcg ecg = SyntheticEcg.generate(spec, seed);
        WfdbWriter.write(dir, WfdbRecord.fromRecording(ecg.recording(), name, WfdbSignalFormat.FORMAT_212, 200));
        List<Annotation> annotations = new ArrayList<>(extra);
        for (int beat = 0; beat < ecg.beats().count(); beat++) {
            annotations.add(Annotation.of(ecg.beats().sampleIndex(beat), ecg.beatKinds().charAt(beat)));
        }
        annotations.sort((a, b) -> Long.compare(a.sample(), b.sample()));
        MitAnnotations.write(dir.resolve(name + ".atr"), annotations);
        return ecg;
    }

    @Test
    void scoresOnlyBeatsAfterTheFirstFiveMinutesOutsideFlutterEpisodes() throws IOException {
        SyntheticEcg ecg = writeRecord(dir, "s1", SyntheticEcgSpec.sinus(360, 420, 75)
                .withLeads(List.of("MLII", "V1")).withGaussianNoise(10), 1,
                List.of(new Annotation(360 * 360, AnnotationCodes.VF_ONSET, 0, 0, 0, ""),
                        new Annotation(380 * 360, AnnotationCodes.VF_OFFSET, 0, 0, 0, "")));
        Files.writeString(dir.resolve("unscored.hea"), "unscored 1 360 0\nunscored.dat 16\n");

        QrsEvaluationReport report = new EcgEvaluation().evaluateQrs(dir);

        int expected = ecg.beats().between(300 * 360, 360 * 360).count()
                + ecg.beats().between(380 * 360 + 1, 420 * 360).count();
        assertThat(report.records()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("s1");
            assertThat(r.truePositives()).isEqualTo(expected);
            assertThat(r.falseNegatives()).isZero();
            assertThat(r.falsePositives()).isZero();
            assertThat(r.recordingSeconds()).isEqualTo(420.0);
            assertThat(r.scoredSeconds()).isEqualTo(120.0);
        });
        assertThat(report.timesRealTime()).isGreaterThan(1000);
    }

    @Test
    void scoresWithheldNoisyStretchesApartAndCountsTheirBeatsAsMissedOverall() throws IOException {
        writeRecord(dir, "noisy", SyntheticEcgSpec.sinus(360, 420, 75).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(10).withNoiseBurst(330, 360, 2500), 3, List.of());

        QrsEvaluationReport report = new EcgEvaluation().evaluateQrs(dir);

        QrsRecordScore r = report.records().getFirst();
        assertThat(r.withheldScoredSeconds()).isBetween(29.0, 33.0);
        assertThat(r.withheldReferenceBeats()).isBetween(35, 42);
        assertThat(r.falseNegatives()).isEqualTo(r.withheldReferenceBeats());
        assertThat(r.falsePositives()).isZero();
        assertThat(r.outsideFalseNegatives()).isZero();
        assertThat(r.outsideFalsePositives()).isZero();
        assertThat(report.outsideWithheldSensitivityPercent()).isEqualTo(100.0);
        assertThat(report.grossSensitivityPercent()).isLessThan(80.0);
        assertThat(report.referenceBeats()).isEqualTo(r.outside().truePositives() + r.withheldReferenceBeats());
    }

    @Test
    void explainsWhyADirectoryCannotBeEvaluated() throws IOException {
        assertThatThrownBy(() -> new EcgEvaluation().evaluateQrs(dir.resolve("missing")))
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> new EcgEvaluation().evaluateQrs(dir))
                .hasMessageContaining("no WFDB record with a .atr reference");
        Files.writeString(dir.resolve("broken.hea"), "broken 1 360 100\nbroken.dat 16\n");
        Files.write(dir.resolve("broken.atr"), new byte[] {0, 0});
        assertThatThrownBy(() -> new EcgEvaluation().evaluateQrs(dir))
                .hasMessageContaining("signal file broken.dat does not exist");
    }
}
