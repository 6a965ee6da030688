package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.Waveforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ventricular runs read from beat classes and what the signal says about each beat (its likeness to the beat
 * before it, usable signal around it). Ventricular tachycardia is a critical finding: every false call is an alarm
 * at the clinic. Cases modelled on CinC 2017 records that were called VT (A02168, A03408, A08160, A02478: beat
 * classes flipping on noise; A00988: two beats on a 98 % withheld recording) and on mitdb 205 (a run with a missed
 * beat in it; a run after a polymorphic onset) and 203 (a run ending in a beat of another shape).
 */
class RhythmVentricularRunTests {

    static final RhythmThresholds DEFAULTS = RhythmThresholds.defaults();

    /** A beat sequence under construction: times, classes, likeness to the previous beat, usable signal around it. */
    static final class Sequence {
        final List<Double> times = new ArrayList<>();
        final List<BeatType> types = new ArrayList<>();
        final List<Double> similarity = new ArrayList<>();
        final List<Boolean> usable = new ArrayList<>();
        double t = 400;

        Sequence beat(double rrMs, BeatType type, double similarityToPrevious) {
            return beat(rrMs, type, similarityToPrevious, true);
        }

        Sequence beat(double rrMs, BeatType type, double similarityToPrevious, boolean usableAround) {
            t += times.isEmpty() ? 0 : rrMs;
            times.add(t);
            types.add(type);
            similarity.add(times.size() == 1 ? Double.NaN : similarityToPrevious);
            usable.add(usableAround);
            return this;
        }

        Sequence sinus(int beats, double rrMs) {
            for (int i = 0; i < beats; i++) {
                beat(rrMs, BeatType.NORMAL, 0.97);
            }
            return this;
        }

        /** A run of one ventricular morphology: the first beat unlike the dominant one before it, the rest alike. */
        Sequence monomorphicRun(int beats, double rrMs, double likeness) {
            for (int i = 0; i < beats; i++) {
                beat(rrMs, BeatType.VENTRICULAR, i == 0 ? 0.1 : likeness);
            }
            return this;
        }

        double[] times() {
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }

        BeatType[] types() {
            return types.toArray(BeatType[]::new);
        }

        RhythmClassifier.BeatEvidence evidence() {
            boolean[] u = new boolean[usable.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = usable.get(i);
            }
            return new RhythmClassifier.BeatEvidence(similarity.stream().mapToDouble(Double::doubleValue).toArray(), u);
        }

        RhythmAnalysis classify(double dominantQrsMs, RhythmThresholds thresholds) {
            return RhythmClassifier.classify(times(), types(), evidence(), t + 500, dominantQrsMs,
                    AtrialActivity.unknown(), thresholds);
        }

        RhythmAnalysis classifyWithoutEvidence(double dominantQrsMs) {
            return RhythmClassifier.classify(times(), types(), t + 500, dominantQrsMs, AtrialActivity.unknown(),
                    DEFAULTS);
        }
    }

    @Test
    void beatClassesFlippingOnANoisyRecordAreNotVentricularTachycardia() {
        // N V V V N V V V ...: noise detections between the QRS complexes at 170/min, classed ventricular, each a
        // different shape (as on A08160 and A02478: correlation with the previous beat -0.3 to 0.6).
        double[] likeness = { 0.05, 0.43, -0.28, 0.6, 0.34, -0.07, 0.5, 0.2, -0.34 };
        Sequence s = new Sequence();
        for (int group = 0; group < 9; group++) {
            s.beat(760, BeatType.NORMAL, 0.2);
            s.beat(350, BeatType.VENTRICULAR, likeness[group]);
            s.beat(350, BeatType.VENTRICULAR, likeness[(group + 3) % 9]);
            s.beat(350, BeatType.VENTRICULAR, likeness[(group + 6) % 9]);
        }
        // Beat classes alone (the rule before) call it VT: three quarters of the beats ventricular, 3-beat runs at 171/min.
        assertThat(s.classifyWithoutEvidence(Double.NaN).label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);

        RhythmAnalysis r = s.classify(Double.NaN, DEFAULTS);
        assertThat(r.ventricularRuns()).isEmpty();
        assertThat(r.label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
    }

    @Test
    void aMonomorphicRunBesideVentricularBeatsOfAnotherShapeIsNotARun() {
        // V(shape a) V V V(shape b) amid dominant beats: a stretch of changing wide shapes is noise (A02478 at 12 s).
        Sequence s = new Sequence().sinus(8, 860);
        s.beat(900, BeatType.VENTRICULAR, 0.3).beat(700, BeatType.VENTRICULAR, 0.7);
        s.beat(400, BeatType.VENTRICULAR, -0.28).beat(420, BeatType.VENTRICULAR, 0.97).beat(380, BeatType.VENTRICULAR, 0.95);
        s.sinus(8, 860);
        assertThat(s.classifyWithoutEvidence(Double.NaN).ventricularRuns()).isNotEmpty();

        assertThat(s.classify(Double.NaN, DEFAULTS).ventricularRuns()).isEmpty();
    }

    @Test
    void aRunEndingInOneBeatOfAnotherShapeIsStillARun() {
        // mitdb 203 at 741.5 s (AF, reference run of four V beats): three alike wide beats at 198/min, then a fourth
        // of another shape (r 0.50 with the one before: the run's termination, a fusion beat), then a conducted beat.
        Sequence terminal = new Sequence().sinus(8, 640);
        terminal.beat(353, BeatType.VENTRICULAR, 0.25).beat(261, BeatType.VENTRICULAR, 0.86)
                .beat(344, BeatType.VENTRICULAR, 0.90).beat(361, BeatType.VENTRICULAR, 0.50)
                .beat(667, BeatType.NORMAL, 0.28);
        terminal.sinus(8, 640);
        RhythmAnalysis r = terminal.classify(Double.NaN, DEFAULTS);
        assertThat(r.ventricularRuns()).hasSize(1);
        assertThat(r.ventricularRuns().getFirst().beats()).isEqualTo(3);

        // and at its onset (one odd beat after a conducted beat, then the alike beats)
        Sequence onset = new Sequence().sinus(8, 640);
        onset.beat(400, BeatType.VENTRICULAR, 0.2).beat(350, BeatType.VENTRICULAR, 0.5)
                .beat(350, BeatType.VENTRICULAR, 0.95).beat(350, BeatType.VENTRICULAR, 0.94);
        onset.sinus(8, 640);
        assertThat(onset.classify(Double.NaN, DEFAULTS).ventricularRuns()).hasSize(1);
    }

    @Test
    void aLongMonomorphicRunAfterAPolymorphicOnsetIsARun() {
        // mitdb 205 at 1460.7 s (reference run of 12 V beats): four wide beats changing shape (r 0.99, -0.16, 0.01
        // with the one before), then seven alike at ~190/min, then a conducted beat
        Sequence s = new Sequence().sinus(8, 740);
        s.beat(400, BeatType.VENTRICULAR, 0.15).beat(942, BeatType.VENTRICULAR, 0.99)
                .beat(514, BeatType.VENTRICULAR, -0.16).beat(394, BeatType.VENTRICULAR, 0.01)
                .beat(317, BeatType.VENTRICULAR, 0.71).beat(264, BeatType.VENTRICULAR, 0.95)
                .beat(272, BeatType.VENTRICULAR, 0.99).beat(294, BeatType.VENTRICULAR, 1.0)
                .beat(314, BeatType.VENTRICULAR, 0.99).beat(283, BeatType.VENTRICULAR, 0.98)
                .beat(330, BeatType.VENTRICULAR, 1.0).beat(475, BeatType.NORMAL, 0.13);
        s.sinus(8, 740);
        RhythmAnalysis r = s.classify(Double.NaN, DEFAULTS);
        assertThat(r.ventricularRuns()).hasSize(1);
        assertThat(r.ventricularRuns().getFirst().beats()).isEqualTo(7);

        // three alike beats after the same onset are not enough to outweigh the changing shapes beside them
        Sequence shortRun = new Sequence().sinus(8, 740);
        shortRun.beat(400, BeatType.VENTRICULAR, 0.15).beat(942, BeatType.VENTRICULAR, 0.99)
                .beat(514, BeatType.VENTRICULAR, -0.16).beat(394, BeatType.VENTRICULAR, 0.01)
                .beat(317, BeatType.VENTRICULAR, 0.71).beat(264, BeatType.VENTRICULAR, 0.95)
                .beat(272, BeatType.VENTRICULAR, 0.99).beat(475, BeatType.NORMAL, 0.13);
        shortRun.sinus(8, 740);
        assertThat(shortRun.classify(Double.NaN, DEFAULTS).ventricularRuns()).isEmpty();
    }

    @Test
    void aRunWithBeatsOfOtherShapesAtBothEndsIsNotARun() {
        // N V(a) V V V V(b) N: shapes changing on either side are a stretch of noise, not one focus
        Sequence s = new Sequence().sinus(8, 860);
        s.beat(400, BeatType.VENTRICULAR, 0.2).beat(380, BeatType.VENTRICULAR, 0.4)
                .beat(380, BeatType.VENTRICULAR, 0.95).beat(380, BeatType.VENTRICULAR, 0.94)
                .beat(380, BeatType.VENTRICULAR, 0.3).beat(700, BeatType.NORMAL, 0.2);
        s.sinus(8, 860);
        assertThat(s.classifyWithoutEvidence(Double.NaN).ventricularRuns()).isNotEmpty();
        assertThat(s.classify(Double.NaN, DEFAULTS).ventricularRuns()).isEmpty();
    }

    /** AF at ~140/min (intervals 300-560 ms, fixed pseudo-random order), then three alike wide beats, then AF again. */
    static Sequence fibrillationWithWideRun(double couplingMs) {
        double[] rr = { 420, 350, 390, 363, 373, 563, 453, 563, 390, 300, 520, 410, 330, 480, 360, 540, 310, 440, 390,
                500, 340, 460, 380, 430, 320, 510, 370, 470 };
        Sequence s = new Sequence();
        for (double interval : rr) {
            s.beat(interval, BeatType.NORMAL, 0.95);
        }
        s.beat(couplingMs, BeatType.VENTRICULAR, 0.4).beat(343, BeatType.VENTRICULAR, 0.99)
                .beat(360, BeatType.VENTRICULAR, 0.99);
        for (int i = rr.length - 1; i >= 0; i--) {
            s.beat(rr[i], BeatType.NORMAL, 0.95);
        }
        return s;
    }

    @Test
    void wideBeatsAtThePrevailingRateInAtrialFibrillationAreAberrantConductionNotARun() {
        // CinC 2017 A05149 (AF at 139/min): three alike wide beats at 363/343/360 ms, the first at the prevailing
        // rate (the median interval before it 373 ms): conduction with a QRS widened by a still refractory bundle
        // branch. A ventricular focus fires early: mitdb 203's runs in AF begin at 0.42-0.83 of the prevailing interval.
        Sequence aberrant = fibrillationWithWideRun(400);
        RhythmAnalysis r = aberrant.classify(Double.NaN, DEFAULTS);
        assertThat(r.afProbability()).isGreaterThanOrEqualTo(DEFAULTS.afProbability());
        assertThat(r.label()).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        assertThat(r.ventricularRuns()).isEmpty();

        Sequence premature = fibrillationWithWideRun(250);
        RhythmAnalysis v = premature.classify(Double.NaN, DEFAULTS);
        assertThat(v.afProbability()).isGreaterThanOrEqualTo(DEFAULTS.afProbability());
        assertThat(v.ventricularRuns()).hasSize(1);
        assertThat(v.ventricularRuns().getFirst().beats()).isEqualTo(3);

        // the limit (0.9 of the prevailing interval) comes from configuration: at 0.5 the run coupled at ~0.62 is
        // taken as aberrant too
        RhythmThresholds stricter = new RhythmThresholds(60, 100, 2000, 0.5, 0.10, 2, 3, 100, 0.8, 1000, 0.5, 120,
                240, 380, 0.3, 80, AfModel.defaults());
        assertThat(premature.classify(Double.NaN, stricter).ventricularRuns()).isEmpty();
    }

    @Test
    void aRunAtThePrevailingRateOutsideFibrillationIsStillARun() {
        // the prematurity test is for AF only: in sinus rhythm a run may follow a pause (the wide beats replace
        // the withheld sinus beats)
        Sequence s = new Sequence().sinus(10, 860);
        s.beat(1100, BeatType.VENTRICULAR, 0.1).beat(400, BeatType.VENTRICULAR, 0.95).beat(400, BeatType.VENTRICULAR, 0.95);
        s.sinus(10, 860);
        assertThat(s.classify(Double.NaN, DEFAULTS).ventricularRuns()).hasSize(1);
    }

    @Test
    void aRunTouchingAWithheldStretchIsNotARun() {
        Sequence inside = new Sequence().sinus(8, 860);
        inside.beat(400, BeatType.VENTRICULAR, 0.1).beat(400, BeatType.VENTRICULAR, 0.95)
                .beat(400, BeatType.VENTRICULAR, 0.95, false);
        inside.sinus(8, 860);
        assertThat(inside.classify(Double.NaN, DEFAULTS).ventricularRuns()).isEmpty();

        Sequence clear = new Sequence().sinus(8, 860).monomorphicRun(3, 400, 0.95).sinus(8, 860);
        assertThat(clear.classify(Double.NaN, DEFAULTS).ventricularRuns()).hasSize(1);
    }

    @Test
    void aShortMonomorphicRunAt150PerMinuteIsStillCalled() {
        for (int beats : new int[] { 3, 5 }) {
            Sequence s = new Sequence().sinus(10, 860).monomorphicRun(beats, 400, 0.93).sinus(10, 860);
            RhythmAnalysis r = s.classify(Double.NaN, DEFAULTS);
            assertThat(r.ventricularRuns()).hasSize(1);
            assertThat(r.ventricularRuns().getFirst().beats()).isEqualTo(beats);
            assertThat(r.ventricularRuns().getFirst().rateBpm()).isCloseTo(150, within(0.5));
        }
    }

    @Test
    void theRunsLikenessThresholdComesFromConfiguration() {
        Sequence s = new Sequence().sinus(10, 860).monomorphicRun(4, 400, 0.85).sinus(10, 860);
        assertThat(s.classify(Double.NaN, DEFAULTS).ventricularRuns()).hasSize(1);
        RhythmThresholds strict = new RhythmThresholds(60, 100, 2000, 0.5, 0.10, 2, 3, 100, 0.9, 1000, 0.9, 120, 240, 380,
                0.3, 80, AfModel.defaults());
        assertThat(s.classify(Double.NaN, strict).ventricularRuns()).isEmpty();
    }

    @Test
    void aRunBrokenByAMissedBeatKeepsItsRegularStretches() {
        // mitdb 205 at 299 s: five wide beats at ~320 ms, one beat not detected (an interval of 644 ms), then more.
        Sequence s = new Sequence().sinus(10, 800);
        s.monomorphicRun(5, 350, 0.97);
        s.beat(644, BeatType.VENTRICULAR, 0.99).beat(320, BeatType.VENTRICULAR, 0.98).beat(330, BeatType.VENTRICULAR, 0.98);
        s.sinus(10, 900);
        // Taken whole, the eight wide beats are not regular (644 > 1.5 x 320): the run used to be dropped.
        assertThat(RhythmClassifier.regular(s.times(), 10, 17)).isFalse();

        RhythmAnalysis r = s.classify(Double.NaN, DEFAULTS);
        assertThat(r.ventricularRuns()).extracting(RhythmAnalysis.VentricularRun::beats).containsExactly(5, 3);
        assertThat(r.ventricularRuns()).allSatisfy(run -> assertThat(run.rateBpm()).isGreaterThan(170));
    }

    @Test
    void twoBeatsOnAMostlyWithheldRecordAreNotAWideComplexTachycardia() {
        // A00988: 98 % of the record withheld, two detections 280 ms apart, the template "wide".
        // Wide (130 ms), regular and at 214/min, which used to make a wide-complex tachycardia of two beats.
        Sequence s = new Sequence().beat(0, BeatType.NORMAL, Double.NaN, false).beat(280, BeatType.UNKNOWN, Double.NaN, false);

        RhythmAnalysis r = s.classify(130, DEFAULTS);
        assertThat(r.label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(r.ventricularRuns()).isEmpty();
    }

    @Test
    void aWideRegularTachycardiaWhoseBeatsChangeShapeEveryBeatIsNotCalled() {
        Sequence noisy = new Sequence();
        Sequence steady = new Sequence();
        for (int i = 0; i < 30; i++) {
            noisy.beat(380, BeatType.NORMAL, i % 2 == 0 ? 0.2 : 0.5);
            steady.beat(380, BeatType.NORMAL, 0.96);
        }
        assertThat(noisy.classifyWithoutEvidence(140).label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(noisy.classify(140, DEFAULTS).label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(steady.classify(140, DEFAULTS).label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
    }

    @Test
    void beatsOfOneVentricularShapeResembleEachOtherAndTheFirstDiffersFromTheDominantBeat() {
        double fs = 500;
        Waveforms w = new Waveforms(fs, 12_000, 3);
        for (double t : Waveforms.regularBeats(70, 12_000)) {
            if (t < 3700 || t > 7000) {
                w.normalBeat(t, true, null);
            }
        }
        for (int k = 0; k < 5; k++) {
            w.ventricularBeat(4300 + k * 400);
        }
        w.realisticNoise();
        int[] lead = w.lead("II");
        int[] beats = w.beatSamples();
        double[] likeness = BeatMorphology.consecutiveCorrelations(lead, beats, fs);
        assertThat(likeness[0]).isNaN();
        BeatType[] types = BeatMorphology.classify(lead, beats, fs).types();
        for (int i = 1; i < beats.length; i++) {
            boolean ventricular = types[i] == BeatType.VENTRICULAR;
            boolean afterVentricular = types[i - 1] == BeatType.VENTRICULAR;
            if (ventricular == afterVentricular) {
                assertThat(likeness[i]).as("beat %d, same shape as the one before", i).isGreaterThan(0.9);
            } else {
                assertThat(likeness[i]).as("beat %d, other shape than the one before", i).isLessThan(0.6);
            }
        }
        assertThat(Arrays.stream(types).filter(t -> t == BeatType.VENTRICULAR).count()).isEqualTo(5);
        // The allocation-free correlation equals the one on a built window.
        double[] reference = BeatMorphology.window(lead, beats[3] - 50, 126);
        double energy = Arrays.stream(reference).map(v -> v * v).sum();
        assertThat(BeatMorphology.correlationAt(lead, beats[4] - 47, reference, energy))
                .isCloseTo(BeatMorphology.correlation(BeatMorphology.window(lead, beats[4] - 47, 126), reference),
                        within(1e-9));
    }

    @Test
    void evidenceOfAnotherLengthIsRejected() {
        Sequence s = new Sequence().sinus(5, 800);
        double[] times = Arrays.copyOf(s.times(), 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RhythmClassifier.classify(times,
                Arrays.copyOf(s.types(), 4), s.evidence(), 5000, Double.NaN, AtrialActivity.unknown(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence");
    }
}
