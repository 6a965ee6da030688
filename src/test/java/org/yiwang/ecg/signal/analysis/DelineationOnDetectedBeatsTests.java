package org.yiwang.ecg.signal.analysis;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.LeadNames;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.Waveforms;
import org.yiwang.ecg.signal.delineation.Intervals;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Delineation on the beats the detector places (on the R peak of the largest lead), through the full
 * pre-analysis: PR, QRS and QT must not depend on where in the QRS the beat fiducial sits. The P wave is looked for
 * after the previous beat's T wave (an ST elevation's end or a T wave was taken for the P wave: PR 286–296 ms on the
 * demo's inferior STEMI), mains hum is notched before delineation, and atrial waves running into the QRS do not
 * widen it (a 2:1 flutter read as a wide-complex tachycardia). Critical findings per CPC-11.
 */
class DelineationOnDetectedBeatsTests {

    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();

    @Test
    void demoInferiorStemiIsSinusWithNormalPrAndStemiSuspect() {
        // the demo's critical ECG (demo-0): spec and seed as in EcgDemoData
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 88).withLeads(LeadNames.STANDARD_12)
                .withGaussianNoise(12).withBaselineWander(60), 20_261_123L)
                .withStDeviation(Map.of("II", 260, "III", 320, "aVF", 290, "I", -110, "aVL", -160));
        EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        Intervals i = r.delineation().orElseThrow().intervals();
        assertThat(i.prMs()).isBetween(120.0, 200.0);
        assertThat(i.qrsMs()).isBetween(70.0, 119.0);
        assertThat(r.stemi().suspect()).isTrue();
        assertThat(r.critical()).isTrue();
        assertThat(r.criticalReasons()).contains(FindingCode.STEMI_SUSPECT);
    }

    @ParameterizedTest(name = "{0} bpm, mains {1} Hz {2} µV, seed {3}")
    @CsvSource({ "72, 50, 0, 1", "72, 50, 40, 2", "60, 60, 60, 3", "88, 50, 40, 4", "100, 50, 40, 5" })
    void knownPrQrsAndQtAreMeasuredOnDetectedBeats(double rate, double mainsHz, double mainsMicrovolts, long seed) {
        Waveforms w = new Waveforms(500, 10_000, seed).normalBeats(Waveforms.regularBeats(rate, 10_000), true)
                .realisticNoise();
        if (mainsMicrovolts > 0) {
            w.powerline(mainsHz, mainsMicrovolts);
        }
        EcgReport r = EcgAnalyser.analyse(EcgRecording.of(500, Waveforms.LEADS, w.microvolts()), DEFAULTS);
        Intervals i = r.delineation().orElseThrow().intervals();
        double truePr = Waveforms.TRUE_QRS_ONSET_MS - Waveforms.TRUE_P_ONSET_MS; // 154 ms
        double trueQrs = Waveforms.TRUE_QRS_OFFSET_MS - Waveforms.TRUE_QRS_ONSET_MS; // 84 ms
        double trueQt = Waveforms.TRUE_T_END_MS - Waveforms.TRUE_QRS_ONSET_MS; // 422 ms
        assertThat(i.prMs()).as("PR").isCloseTo(truePr, within(20.0));
        assertThat(i.qrsMs()).as("QRS").isCloseTo(trueQrs, within(20.0));
        assertThat(i.qtMs()).as("QT").isCloseTo(trueQt, within(30.0));
        assertThat(r.rhythm().label()).isIn(RhythmLabel.SINUS_RHYTHM, RhythmLabel.SINUS_BRADYCARDIA);
    }

    @Test
    void flutterWavesRunningIntoTheQrsDoNotWidenItIntoAVentricularTachycardia() {
        Waveforms w = new Waveforms(500, 10_000, 450).normalBeats(Waveforms.regularBeats(150, 10_000), false)
                .flutterWaves(300, 200).realisticNoise();
        EcgReport r = EcgAnalyser.analyse(EcgRecording.of(500, Waveforms.LEADS, w.microvolts()), DEFAULTS);
        assertThat(r.delineation().orElseThrow().intervals().qrsMs()).isLessThan(DEFAULTS.rhythm().wideQrsMs());
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.ATRIAL_FLUTTER);
        assertThat(r.rhythm().ventricularRuns()).isEmpty();
    }
}
