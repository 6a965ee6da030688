package org.yiwang.ecg.signal.rhythm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Beat cleaning on single-lead recordings (AliveCor-like, 300 Hz): T waves taken for beats leave the sequence. */
class BeatMorphologyTests {

    static final double FS = 300;

    /** A small narrow QRS every {@code rrMs} and a tall, broad T wave {@code tDelayMs} after it (µV). */
    static int[] smallQrsTallT(int beats, double rrMs, double tDelayMs, double sign) {
        int n = (int) Math.round((beats + 1) * rrMs * FS / 1000);
        int[] x = new int[n];
        for (int b = 0; b < beats; b++) {
            double r = (b + 0.5) * rrMs * FS / 1000;
            for (int i = 0; i < n; i++) {
                double ms = (i - r) * 1000 / FS;
                double v = 500 * Math.exp(-ms * ms / (2 * 10 * 10)) - 120 * Math.exp(-(ms - 25) * (ms - 25) / (2 * 8 * 8))
                        + 900 * Math.exp(-(ms - tDelayMs) * (ms - tDelayMs) / (2 * 45 * 45));
                x[i] += (int) Math.round(sign * v);
            }
        }
        return x;
    }

    /** The detections: each R peak and each T-wave peak. */
    static int[] rAndTDetections(int beats, double rrMs, double tDelayMs) {
        int[] detections = new int[2 * beats];
        for (int b = 0; b < beats; b++) {
            double r = (b + 0.5) * rrMs * FS / 1000;
            detections[2 * b] = (int) Math.round(r);
            detections[2 * b + 1] = (int) Math.round(r + tDelayMs * FS / 1000);
        }
        return detections;
    }

    @Test
    void beatsOfVentricularBigeminyAreClassedVentricularAndDominant() {
        // half of the beats are ectopic: a template of all beats would be half ectopic, and against the median RR the
        // ectopics' prematurity flips with the interval the median lands on
        for (double rate : new double[] {50, 75, 100}) {
            org.yiwang.ecg.signal.SyntheticEcg ecg = org.yiwang.ecg.signal.SyntheticEcg.generate(
                    org.yiwang.ecg.signal.SyntheticEcgSpec.sinus(500, 60, rate).withLeads(java.util.List.of("II"))
                            .withVentricularEctopics(0.5).withGaussianNoise(10), 3);
            BeatType[] types = BeatMorphology.classify(ecg.recording().leadMicrovolts(0), ecg.beats().sampleIndices(),
                    500).types();
            for (int b = 1; b < types.length; b++) {
                assertThat(types[b]).as("beat %d at %s/min", b, rate)
                        .isEqualTo(ecg.beatKinds().charAt(b) == 'V' ? BeatType.VENTRICULAR : BeatType.NORMAL);
            }
        }
    }

    @Test
    void tallTWavesCountedAsBeatsAreArtefactsAndTheQrsComplexesStayNormal() {
        int[] x = smallQrsTallT(20, 800, 260, 1);
        BeatMorphology.Classification c = BeatMorphology.classify(x, rAndTDetections(20, 800, 260), FS);
        BeatType[] types = c.types();
        for (int b = 1; b < 19; b++) {
            assertThat(types[2 * b]).as("QRS %d", b).isEqualTo(BeatType.NORMAL);
            assertThat(types[2 * b + 1]).as("T wave after QRS %d", b).isEqualTo(BeatType.ARTEFACT);
        }
    }

    @Test
    void tallTWavesOfAnInvertedRecordingAreArtefactsToo() {
        int[] x = smallQrsTallT(20, 800, 260, -1);
        BeatType[] types = BeatMorphology.classify(x, rAndTDetections(20, 800, 260), FS).types();
        for (int b = 1; b < 19; b++) {
            assertThat(types[2 * b]).as("QRS %d", b).isEqualTo(BeatType.NORMAL);
            assertThat(types[2 * b + 1]).as("T wave after QRS %d", b).isEqualTo(BeatType.ARTEFACT);
        }
    }

    @Test
    void closeCoupledBeatsOfTheDominantShapeAreKeptAsInFastFibrillation() {
        // Irregular RR with intervals down to 280 ms, every beat the same narrow complex (no T-wave detections).
        double[] rr = { 620, 300, 540, 280, 710, 450, 330, 600, 290, 520, 760, 310, 480, 650, 300, 570, 420, 690 };
        int n = (int) Math.round((sum(rr) + 1000) * FS / 1000);
        int[] x = new int[n];
        int[] beats = new int[rr.length + 1];
        double t = 300;
        for (int b = 0; b <= rr.length; b++) {
            beats[b] = (int) Math.round(t * FS / 1000);
            for (int i = 0; i < n; i++) {
                double ms = i * 1000 / FS - t;
                x[i] += (int) Math.round(800 * Math.exp(-ms * ms / (2 * 10 * 10))
                        + 150 * Math.exp(-(ms - 200) * (ms - 200) / (2 * 40 * 40)));
            }
            if (b < rr.length) {
                t += rr[b];
            }
        }
        BeatType[] types = BeatMorphology.classify(x, beats, FS).types();
        for (int b = 1; b < types.length - 1; b++) {
            assertThat(types[b]).as("beat %d", b).isNotEqualTo(BeatType.ARTEFACT).isNotEqualTo(BeatType.VENTRICULAR);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
