package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ventricular runs whose beats alternate between two ventricular shapes (bidirectional VT, A-B-A-B, mitdb 223) are
 * ventricular tachycardia, while bursts of noise taken for wide beats, whose shapes change without repeating, stay not
 * VT (CinC 2017 A02168, A03408, A00172). From the
 * signal to the rhythm: synthetic single lead at 360 Hz, classed by {@link BeatMorphology}, read by
 * {@link RhythmClassifier} with the beat evidence built as the analyser does.
 */
class AlternatingVentricularRunTests {

    static final double FS = VentricularClassTests.FS;

    /** Ventricular shape A: a broad biphasic QRS with a discordant T wave. */
    static double shapeA(double ms) {
        return wave(ms, -20, 25, 800) + wave(ms, 45, 25, -800) + wave(ms, 280, 60, 300);
    }

    /** Ventricular shape B, its mirror on this lead (the axis flipping from beat to beat in bidirectional VT). */
    static double shapeB(double ms) {
        return -shapeA(ms);
    }

    static double wave(double ms, double centre, double sd, double amplitude) {
        return amplitude * Math.exp(-(ms - centre) * (ms - centre) / (2 * sd * sd));
    }

    /** A wide deflection of random shape, different every time: a noise transient taken for a beat. */
    static double[] noiseShape(Random random) {
        double[] waves = new double[9];
        for (int k = 0; k < 3; k++) {
            waves[3 * k] = -80 + random.nextDouble() * 200;
            waves[3 * k + 1] = 8 + random.nextDouble() * 35;
            waves[3 * k + 2] = (random.nextBoolean() ? 1 : -1) * (300 + random.nextDouble() * 700);
        }
        return waves;
    }

    /**
     * Sinus at 75/min with single PVCs of shapes A and B (so that the recording has a class of each) and, in the
     * middle, {@code runKinds} at {@code runRrMs}: 'A', 'B', or 'X' for a noise transient of a new shape.
     */
    static RhythmAnalysis analyse(String runKinds, double runRrMs, long seed) {
        return analyse(runKinds, runRrMs, seed, TWO_SHAPES);
    }

    /** The defaults: runs of two alternating shapes allowed. */
    static final RhythmThresholds TWO_SHAPES = RhythmThresholds.defaults();

    static RhythmThresholds withShapes(int shapes) {
        RhythmThresholds d = RhythmThresholds.defaults();
        return new RhythmThresholds(d.bradycardiaBpm(), d.tachycardiaBpm(), d.pauseMs(), d.afProbability(),
                d.frequentEctopyFraction(), d.frequentEctopyMinimumBeats(), d.ventricularRunBeats(),
                d.ventricularRunRateBpm(), d.ventricularRunSimilarity(), d.ventricularRunMarginMs(),
                d.ventricularRunCouplingInAf(), shapes, d.wideQrsMs(), d.flutterAtrialRateMinBpm(),
                d.flutterAtrialRateMaxBpm(), d.flutterEvidence(), d.flutterIsoelectricMs(),
                d.wideTachycardiaPWaveAssociation(), d.wideTachycardiaPWavesClearBelowBpm(), d.afModel());
    }

    static RhythmAnalysis analyse(String runKinds, double runRrMs, long seed, RhythmThresholds thresholds) {
        StringBuilder kinds = new StringBuilder();
        double[] times = new double[200];
        int n = 0;
        double t = 500;
        for (int i = 0; i < 40; i++) {
            boolean ectopic = i % 8 == 4;
            times[n++] = t;
            kinds.append(ectopic ? (i % 16 == 4 ? 'A' : 'B') : 'N');
            t += ectopic ? 1120 : i % 8 == 3 ? 480 : 800;
            if (i == 21) {
                for (char k : runKinds.toCharArray()) {
                    times[n++] = t;
                    kinds.append(k);
                    t += runRrMs;
                }
                t += 600;
            }
        }
        times = Arrays.copyOf(times, n);
        Random random = new Random(seed);
        int samples = (int) Math.round((times[n - 1] + 1000) * FS / 1000);
        double[] x = new double[samples];
        for (int b = 0; b < n; b++) {
            char kind = kinds.charAt(b);
            double[] noise = kind == 'X' ? noiseShape(random) : null;
            int from = Math.max(0, (int) ((times[b] - 300) * FS / 1000));
            int to = Math.min(samples - 1, (int) ((times[b] + 600) * FS / 1000));
            for (int i = from; i <= to; i++) {
                double ms = i * 1000 / FS - times[b];
                x[i] += switch (kind) {
                    case 'A' -> shapeA(ms);
                    case 'B' -> shapeB(ms);
                    case 'X' -> wave(ms, noise[0], noise[1], noise[2]) + wave(ms, noise[3], noise[4], noise[5])
                            + wave(ms, noise[6], noise[7], noise[8]);
                    default -> VentricularClassTests.dominant(ms);
                };
            }
        }
        int[] lead = new int[samples];
        for (int i = 0; i < samples; i++) {
            lead[i] = (int) Math.round(x[i] + 15 * random.nextGaussian());
        }
        int[] beats = VentricularClassTests.sampleIndices(times);
        BeatMorphology.Classification c = BeatMorphology.classify(lead, beats, FS);
        boolean[] usable = new boolean[n];
        Arrays.fill(usable, true);
        RhythmClassifier.BeatEvidence evidence = new RhythmClassifier.BeatEvidence(
                BeatMorphology.consecutiveCorrelations(lead, beats, FS),
                BeatMorphology.correlationsWithEarlierBeat(lead, beats, FS, 2), usable);
        return RhythmClassifier.classify(times, c.types(), evidence, times[n - 1] + 1000, c.dominantQrsMs(),
                AtrialActivity.unknown(), thresholds);
    }

    @Test
    void bidirectionalVentricularTachycardiaAlternatingTwoShapesIsVentricularTachycardia() {
        // issue 5, mitdb 223: eight beats at 160/min alternating between two ventricular shapes (r about -0.9
        // from beat to beat): the one-focus rule alone (each beat like the one before) found no run
        // the one-focus rule alone (each beat like the one before) finds no run
        assertThat(analyse("ABABABAB", 375, 1, withShapes(1)).ventricularRuns()).isEmpty();
        for (long seed = 1; seed <= 3; seed++) {
            RhythmAnalysis r = analyse("ABABABAB", 375, seed);
            assertThat(r.ventricularRuns()).as("seed %d", seed).hasSize(1);
            assertThat(r.ventricularRuns().getFirst().beats()).isEqualTo(8);
            assertThat(r.ventricularRuns().getFirst().rateBpm()).isGreaterThan(155);
            assertThat(r.ventricularBeats()).isGreaterThanOrEqualTo(8);
        }
        // a short alternation is not enough (CinC 2017 A02464, A03031, A04770: QRS complexes and T waves or transients
        // detected in turn at the start of a noisy strip make 4-5 beats of A-B-A-B): twice the run minimum is
        assertThat(analyse("ABA", 375, 4).ventricularRuns()).isEmpty();
        assertThat(analyse("ABABA", 375, 4).ventricularRuns()).isEmpty();
        assertThat(analyse("ABABAB", 375, 4).ventricularRuns()).extracting(RhythmAnalysis.VentricularRun::beats)
                .containsExactly(6);
    }

    @Test
    void theNumberOfAlternatingShapesComesFromConfiguration() {
        RhythmThresholds d = TWO_SHAPES;
        assertThat(d.ventricularRunShapes()).isEqualTo(2);
        RhythmThresholds oneFocus = withShapes(1);
        RhythmVentricularRunTests.Sequence s = new RhythmVentricularRunTests.Sequence().sinus(10, 800);
        for (int i = 0; i < 6; i++) {
            s.beat(i == 0 ? 450 : 375, BeatType.VENTRICULAR, i == 0 ? 0.1 : -0.9);
        }
        s.sinus(10, 800);
        double[] second = new double[s.times.size()];
        Arrays.fill(second, Double.NaN);
        for (int i = 12; i < 16; i++) {
            second[i] = 0.95;
        }
        boolean[] usable = new boolean[second.length];
        Arrays.fill(usable, true);
        RhythmClassifier.BeatEvidence evidence = new RhythmClassifier.BeatEvidence(
                s.evidence().similarityToPrevious(), second, usable);
        RhythmAnalysis alternating = RhythmClassifier.classify(s.times(), s.types(), evidence, s.t + 500, Double.NaN,
                AtrialActivity.unknown(), d);
        assertThat(alternating.ventricularRuns()).extracting(RhythmAnalysis.VentricularRun::beats).containsExactly(6);
        assertThat(RhythmClassifier.classify(s.times(), s.types(), evidence, s.t + 500, Double.NaN,
                AtrialActivity.unknown(), oneFocus).ventricularRuns()).isEmpty();
    }

    @Test
    void noiseBurstsOfChangingWideShapesAreStillNotVentricularTachycardia() {
        // transients taken for wide beats at 160/min, each of a new shape: classed ventricular, but no shape repeats
        // (neither the beat two before nor a class of the recording), so no run
        int classedVentricular = 0;
        for (long seed = 1; seed <= 5; seed++) {
            RhythmAnalysis r = analyse("XXXXXXXX", 375, seed);
            classedVentricular += r.ventricularBeats();
            assertThat(r.ventricularRuns()).as("seed %d", seed).isEmpty();
            assertThat(r.label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        }
        // the transients are classed ventricular (beside the five single PVCs per recording): what stops the run is
        // the run rule, not the beat classes
        assertThat(classedVentricular).isGreaterThan(5 * 5 + 5 * 4);
    }
}
