package org.yiwang.ecg.signal.analysis;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.LeadNames;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two wrong pre-analyses seen on the demo worklist (issue 5 point 7), on the demo's own synthetic ECGs (specs and
 * seeds as in EcgDemoData): a 30-minute Holter with a withheld electrode-motion burst was marked critical for a
 * "pause" of 40 s that is missing signal, and a sinus rhythm with frequent ventricular premature beats was labelled
 * an irregular rhythm with QTc 541 ms. Critical findings per CPC-11.
 */
class DemoRhythmPreAnalysisTests {

    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();

    @Test
    void gapInTheBeatsAcrossAWithheldNoiseBurstIsNotAPause() {
        SyntheticEcg holter = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 1800, 70).withLeads(List.of("II", "V5"))
                .withRrVariability(0.05).withVentricularEctopics(0.03).withGaussianNoise(12)
                .withNoiseBurst(600, 640, 200), 20_261_130L);
        EcgReport r = EcgAnalyser.analyse(holter.recording(), DEFAULTS);
        assertThat(r.quality().unusableInAllLeads()).as("the burst is withheld").isNotEmpty();
        assertThat(r.finding(FindingCode.PAUSE)).isEmpty();
        assertThat(r.critical()).isFalse();
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
    }

    @Test
    void holterRateIsReadOverUsableSignalWithinOnePerMinuteOfTheGeneratedRate() {
        // was 66.4/min whole (ectopics missed, the 40 s across the burst counted as one RR) and 68.7/min as stored
        // by the segmented pre-analysis: the 600-900 s segment held the gap
        SyntheticEcg holter = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 1800, 70).withLeads(List.of("II", "V5"))
                .withRrVariability(0.05).withVentricularEctopics(0.03).withGaussianNoise(12)
                .withNoiseBurst(600, 640, 200), 20_261_130L);
        int[] beats = holter.beats().sampleIndices();
        double generated = 60.0 * (beats.length - 1) / ((beats[beats.length - 1] - beats[0]) / 250.0);
        EcgReport whole = EcgAnalyser.analyse(holter.recording(), DEFAULTS);
        assertThat(whole.heartRateBpm()).isCloseTo(generated, within(1.0));
        EcgReport segment = EcgAnalyser.analyse(holter.recording().slice(600 * 250, 900 * 250), DEFAULTS);
        assertThat(segment.heartRateBpm()).isCloseTo(generated, within(1.5));
        assertThat(segment.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
    }

    @Test
    void longWithheldStretchIsNotReadAsExtremeBradycardia() {
        SyntheticEcg strip = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 300, 62).withLeads(List.of("II", "V5"))
                .withGaussianNoise(12).withNoiseBurst(60, 240, 300), 3);
        EcgReport r = EcgAnalyser.analyse(strip.recording(), DEFAULTS);
        assertThat(r.quality().unusableInAllLeads()).as("the burst is withheld").isNotEmpty();
        assertThat(r.heartRateBpm()).isCloseTo(62, within(2.0));
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.finding(FindingCode.EXTREME_BRADYCARDIA)).isEmpty();
        assertThat(r.critical()).isFalse();
    }

    @Test
    void sinusRhythmWithFrequentVentricularPrematureBeatsIsSinusWithTheEctopyFinding() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 76).withLeads(LeadNames.STANDARD_12)
                .withVentricularEctopics(0.18).withGaussianNoise(10), 20_261_127L);
        EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.finding(FindingCode.FREQUENT_VENTRICULAR_ECTOPY)).isPresent();
        assertThat(r.critical()).isFalse();
    }

    @Test
    void ectopicBeatsDoNotStretchTheQtOfTheDominantBeat() {
        // was QT 563 ms, QTc 541 ms: the template's T region held the next (ectopic) beat and the dominant beats'
        // median RR spanned two cycles
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 76).withLeads(LeadNames.STANDARD_12)
                .withVentricularEctopics(0.18).withGaussianNoise(10), 20_261_127L);
        EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
        var intervals = r.delineation().orElseThrow().intervals();
        assertThat(intervals.rrMs()).isBetween(700.0, 880.0); // 76/min: 789 ms
        assertThat(intervals.qtMs()).isBetween(360.0, 450.0);
        assertThat(r.finding(FindingCode.PROLONGED_QTC)).isEmpty();
    }

    @Test
    void irregularRhythmWithoutPWavesAndFrequentEctopyIsNotCalledSinus() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 90).withLeads(LeadNames.STANDARD_12)
                .withAtrialFibrillation(0.2).withVentricularEctopics(0.2).withGaussianNoise(10), 5);
        EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
        assertThat(r.rhythm().label()).isNotIn(RhythmLabel.SINUS_RHYTHM, RhythmLabel.SINUS_BRADYCARDIA,
                RhythmLabel.SINUS_TACHYCARDIA);
    }
}
