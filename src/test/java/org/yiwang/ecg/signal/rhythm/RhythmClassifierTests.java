package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.Waveforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RhythmClassifierTests {

    static final double FS = 500;
    static final RhythmThresholds DEFAULTS = RhythmThresholds.defaults();

    /** Full pipeline on lead II: morphology, atrial activity, classification. */
    static RhythmAnalysis analyseLeadII(Waveforms w) {
        int[] lead = w.lead("II");
        int[] beats = w.beatSamples();
        BeatMorphology.Classification c = BeatMorphology.classify(lead, beats, FS);
        AtrialActivity atrial = AtrialActivityAnalyser.analyse(lead, beats, c.types(), FS);
        return RhythmClassifier.classify(w.beatTimesMs(), c.types(), w.durationMs, c.dominantQrsMs(), atrial, DEFAULTS);
    }

    static RhythmAnalysis rrOnly(double[] beatTimesMs, double durationMs) {
        return RhythmClassifier.classify(beatTimesMs, null, durationMs, Double.NaN, AtrialActivity.unknown(), DEFAULTS);
    }

    @Test
    void regularBeatsWithPWavesAt75AreSinusRhythm() {
        Waveforms w = new Waveforms(FS, 10_000, 1).normalBeats(Waveforms.regularBeats(75, 10_000), true).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.heartRateBpm()).isCloseTo(75, within(1.0));
        assertThat(r.labelConfidence()).isGreaterThan(0.6);
        assertThat(r.afProbability()).isLessThan(0.2);
        assertThat(r.pauses()).isEmpty();
        assertThat(r.ventricularBeats()).isZero();
    }

    @Test
    void sinusAt40IsBradycardia() {
        Waveforms w = new Waveforms(FS, 20_000, 2).normalBeats(Waveforms.regularBeats(40, 20_000), true).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.SINUS_BRADYCARDIA);
        assertThat(r.heartRateBpm()).isCloseTo(40, within(1.0));
    }

    @Test
    void sinusAt130IsTachycardiaNotFlutter() {
        Waveforms w = new Waveforms(FS, 10_000, 3).normalBeats(Waveforms.regularBeats(130, 10_000), true).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.SINUS_TACHYCARDIA);
        assertThat(r.heartRateBpm()).isCloseTo(130, within(1.5));
    }

    @Test
    void irregularRrWithoutPWavesIsAtrialFibrillation() {
        double[] beats = Waveforms.irregularBeats(700, 0.35, 20_000, 4);
        Waveforms w = new Waveforms(FS, 20_000, 4).normalBeats(beats, false).fibrillatoryWaves(40).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        assertThat(r.labelConfidence()).isGreaterThan(0.8);
    }

    @Test
    void irregularRrAloneIsAtrialFibrillation() {
        RhythmAnalysis r = rrOnly(Waveforms.irregularBeats(650, 0.3, 30_000, 5), 30_000);
        assertThat(r.label()).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        assertThat(r.afProbability()).isGreaterThan(0.8);
    }

    @Test
    void regularRrWithSmallSinusArrhythmiaIsNotAtrialFibrillation() {
        double[] beats = new double[40];
        double t = 500;
        for (int i = 0; i < beats.length; i++) {
            beats[i] = t;
            t += 800 + 40 * Math.sin(i * 2 * Math.PI / 5); // respiratory modulation, ±5 %
        }
        RhythmAnalysis r = rrOnly(beats, t + 500);
        assertThat(r.afProbability()).isLessThan(0.3);
        assertThat(r.label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
    }

    @Test
    void rrOfTwoAndAHalfSecondsIsAPause() {
        double[] beats = Waveforms.regularBeats(70, 12_000);
        double[] withPause = Arrays.stream(beats).map(b -> b > 5000 ? b + 2500 - 857 : b).toArray();
        Waveforms w = new Waveforms(FS, 14_000, 6).normalBeats(withPause, true).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.pauses()).hasSize(1);
        assertThat(r.pauses().getFirst().durationMs()).isCloseTo(2500, within(2.0));
        assertThat(r.maximumRrMs()).isCloseTo(2500, within(2.0));
    }

    @Test
    void noBeatsForLongerThanThePauseLimitIsAPause() {
        RhythmAnalysis r = rrOnly(new double[] { 100 }, 5000);
        assertThat(r.pauses()).extracting(RhythmAnalysis.Pause::durationMs).containsExactly(5000.0);
        assertThat(r.label()).isEqualTo(RhythmLabel.UNDETERMINED);
    }

    @Test
    void sawtoothAtrialWavesWithFourToOneConductionAreFlutter() {
        Waveforms w = new Waveforms(FS, 10_000, 7).normalBeats(Waveforms.regularBeats(75, 10_000), false)
                .flutterWaves(300, 200).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.ATRIAL_FLUTTER);
    }

    @Test
    void sawtoothAtrialWavesWithTwoToOneConductionAreFlutter() {
        Waveforms w = new Waveforms(FS, 10_000, 8).normalBeats(Waveforms.regularBeats(150, 10_000), false)
                .flutterWaves(300, 200).realisticNoise();
        RhythmAnalysis r = analyseLeadII(w);
        assertThat(r.label()).isEqualTo(RhythmLabel.ATRIAL_FLUTTER);
    }

    @Test
    void fiveWideBeatsAt150AreAVentricularTachycardiaRun() {
        Waveforms w = new Waveforms(FS, 12_000, 9);
        double[] sinus = Waveforms.regularBeats(70, 12_000);
        for (double t : sinus) {
            if (t < 4000 || t > 7200) {
                w.normalBeat(t, true, null);
            }
        }
        for (int k = 0; k < 5; k++) {
            w.ventricularBeat(4300 + k * 400);
        }
        RhythmAnalysis r = analyseLeadII(w.realisticNoise());
        assertThat(r.ventricularRuns()).hasSize(1);
        assertThat(r.ventricularRuns().getFirst().beats()).isEqualTo(5);
        assertThat(r.ventricularRuns().getFirst().rateBpm()).isCloseTo(150, within(1.0));
        assertThat(r.ventricularBeats()).isEqualTo(5);
    }

    @Test
    void wideComplexTachycardiaWithoutPWavesIsVentricularTachycardia() {
        Waveforms w = new Waveforms(FS, 10_000, 10);
        for (double t : Waveforms.regularBeats(160, 10_000)) {
            w.ventricularBeat(t);
        }
        RhythmAnalysis r = analyseLeadII(w.realisticNoise());
        assertThat(r.label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(r.ventricularRuns()).isNotEmpty();
    }

    @Test
    void flutterEvidenceDoesNotOverruleARegularWideComplexTachycardia() {
        // 40 alike wide beats at 150/min (RR 400 ms, one just under: the rate measures 149.9); the atrial measures
        // read "P waves" (the previous T wave) and a periodicity at twice the rate (the beats' own QRS and T).
        double[] times = new double[40];
        BeatType[] types = new BeatType[40];
        for (int i = 0; i < times.length; i++) {
            times[i] = 300 + i * 400 + (i == 39 ? 2 : 0);
            types[i] = BeatType.NORMAL;
        }
        AtrialActivity flutterLike = new AtrialActivity(0.99, 297, 0.36, 52);
        RhythmAnalysis wide = RhythmClassifier.classify(times, types, 16_500, 160, flutterLike, DEFAULTS);
        assertThat(wide.heartRateBpm()).isLessThan(150);
        assertThat(wide.label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(wide.ventricularRuns()).hasSize(1);

        // the same atrial measures with a narrow QRS: 2:1 flutter
        RhythmAnalysis narrow = RhythmClassifier.classify(times, types, 16_500, 90, flutterLike, DEFAULTS);
        assertThat(narrow.label()).isEqualTo(RhythmLabel.ATRIAL_FLUTTER);
        assertThat(narrow.ventricularRuns()).isEmpty();

        // P waves without a flutter periodicity below 150/min (sinus tachycardia with bundle branch block) still
        // keep a wide regular rhythm from being called ventricular
        double[] slower = Arrays.stream(times).map(t -> t * 150 / 110).toArray();
        RhythmAnalysis sinus = RhythmClassifier.classify(slower, types, 22_000, 140,
                new AtrialActivity(0.95, Double.NaN, 0, 90), DEFAULTS);
        assertThat(sinus.label()).isEqualTo(RhythmLabel.SINUS_TACHYCARDIA);
    }

    @Test
    void aSlowTenSecondStripTooShortForRrFeaturesIsAtrialFibrillationWhenTheWaveformSaysSo() {
        // 7 beats at about 45/min: 6 intervals, fewer than the RR features need
        double[] times = { 400, 1650, 2900, 4350, 5500, 7000, 8300 };
        RhythmAnalysis fibrillating = RhythmClassifier.classify(times, null, 10_000, 90,
                new AtrialActivity(0.2, Double.NaN, 0, Double.NaN).withWaveformAfLogit(6), DEFAULTS);
        assertThat(fibrillating.irregularity().sufficient()).isFalse();
        assertThat(fibrillating.label()).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);

        RhythmAnalysis unread = RhythmClassifier.classify(times, null, 10_000, 90,
                new AtrialActivity(0.2, Double.NaN, 0, Double.NaN), DEFAULTS);
        assertThat(unread.label()).isNotEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        RhythmAnalysis sinus = RhythmClassifier.classify(times, null, 10_000, 90,
                new AtrialActivity(0.9, Double.NaN, 0, Double.NaN).withWaveformAfLogit(-8), DEFAULTS);
        assertThat(sinus.label()).isNotEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
    }

    @Test
    void withTheWaveformReadAfIsCalledFromTheLowerOperatingPointChosenForSpecificityOfNinetyFivePercent() {
        double[] times = { 400, 1650, 2900, 4350, 5500, 7000, 8300 };
        // a network logit whose probability lies between the two operating points (0.25 and the RR model's 0.5)
        double logit = -10;
        while (DEFAULTS.afModel().probability(null, logit) < 0.42) {
            logit += 0.01;
        }
        AtrialActivity atrial = new AtrialActivity(0.2, Double.NaN, 0, Double.NaN).withWaveformAfLogit(logit);
        assertThat(DEFAULTS.afProbabilityWithWaveform()).isLessThan(0.42);
        assertThat(DEFAULTS.afProbability()).isGreaterThan(0.43);

        assertThat(RhythmClassifier.classify(times, null, 10_000, 90, atrial, DEFAULTS).label())
                .isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        RhythmThresholds d = DEFAULTS;
        RhythmThresholds sameAsRrAlone = new RhythmThresholds(d.bradycardiaBpm(), d.tachycardiaBpm(), d.pauseMs(),
                d.afProbability(), d.afProbability(), d.frequentEctopyFraction(), d.frequentEctopyMinimumBeats(),
                d.ventricularRunBeats(), d.ventricularRunRateBpm(), d.ventricularRunSimilarity(),
                d.ventricularRunMarginMs(), d.ventricularRunCouplingInAf(), d.ventricularRunShapes(), d.wideQrsMs(),
                d.flutterAtrialRateMinBpm(), d.flutterAtrialRateMaxBpm(), d.flutterEvidence(), d.flutterIsoelectricMs(),
                d.wideTachycardiaPWaveAssociation(), d.wideTachycardiaPWavesClearBelowBpm(),
                d.afEpisodeWindowIntervals(), d.afEpisodeMinimumMs(), d.afModel());
        assertThat(RhythmClassifier.classify(times, null, 10_000, 90, atrial, sameAsRrAlone).label())
                .isNotEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
    }

    @Test
    void pWavesBeforeTheBeatsAtAConstantPrIntervalRuleOutFibrillationWhateverTheWaveformNetworkReads() {
        double[] times = { 400, 1650, 2900, 4350, 5500, 7000, 8300 };
        AtrialActivity unmeasured = new AtrialActivity(0.2, Double.NaN, 0, Double.NaN).withWaveformAfLogit(6);
        assertThat(RhythmClassifier.classify(times, null, 10_000, 90, unmeasured, DEFAULTS).label())
                .isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        AtrialActivity associated = new AtrialActivity(0.2, Double.NaN, 0, Double.NaN, 1.0).withWaveformAfLogit(6);
        assertThat(RhythmClassifier.classify(times, null, 10_000, 90, associated, DEFAULTS).label())
                .isNotEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
    }

    @Test
    void aWaveformReadAsFibrillationDoesNotTurnFlutterWithItsRegularResponseIntoFibrillation() {
        // 2:1 flutter as in the test above, narrow QRS; the waveform network reads flutter waves as fibrillation too
        double[] times = new double[40];
        for (int i = 0; i < times.length; i++) {
            times[i] = 300 + i * 400 + (i % 3) * 15;
        }
        AtrialActivity flutterWaves = new AtrialActivity(0.99, 297, 0.36, 52).withWaveformAfLogit(9);
        RhythmAnalysis flutter = RhythmClassifier.classify(times, null, 16_500, 90, flutterWaves, DEFAULTS);
        assertThat(flutter.label()).isEqualTo(RhythmLabel.ATRIAL_FLUTTER);
    }

    @Test
    void wideDetectionsAlternatingShortAndLongIntervalsAreNotVentricularTachycardia() {
        // T waves taken for wide beats: every beat is followed 260 ms later by another "beat", rate doubled.
        int n = 40;
        double[] times = new double[n];
        BeatType[] types = new BeatType[n];
        for (int i = 0; i < n; i++) {
            times[i] = 300 + (i / 2) * 900 + (i % 2) * 260;
            types[i] = BeatType.VENTRICULAR;
        }
        RhythmAnalysis r = RhythmClassifier.classify(times, types, 19_000, 140, AtrialActivity.unknown(),
                RhythmThresholds.defaults());
        assertThat(r.label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(r.ventricularRuns()).isEmpty();
    }

    @Test
    void regularWideRunIsStillVentricularTachycardia() {
        int n = 30;
        double[] times = new double[n];
        BeatType[] types = new BeatType[n];
        for (int i = 0; i < n; i++) {
            times[i] = 300 + i * 380 + (i % 3) * 15;
            types[i] = BeatType.VENTRICULAR;
        }
        RhythmAnalysis r = RhythmClassifier.classify(times, types, 12_000, 150, AtrialActivity.unknown(),
                RhythmThresholds.defaults());
        assertThat(r.label()).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
        assertThat(r.ventricularRuns()).hasSize(1);
    }

    @Test
    void everyFourthBeatVentricularIsFrequentEctopyNotFibrillation() {
        Waveforms w = new Waveforms(FS, 20_000, 11);
        double t = 500;
        for (int i = 0; i < 24; i++) {
            if (i % 4 == 3) {
                w.ventricularBeat(t - 250); // premature, then a compensatory pause
                t += 800;
            } else {
                w.normalBeat(t, true, null);
                t += 800;
            }
        }
        RhythmAnalysis r = analyseLeadII(w.realisticNoise());
        assertThat(r.ventricularBeats()).isEqualTo(6);
        assertThat(r.frequentVentricularEctopy()).isTrue();
        assertThat(r.frequentEctopyConfidence()).isGreaterThan(0.5);
        assertThat(r.label()).isNotEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        assertThat(r.ventricularRuns()).isEmpty();
    }

    @Test
    void rejectsBeatsOutOfOrder() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rrOnly(new double[] { 100, 900, 800, 1500 }, 3000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase");
    }
}
