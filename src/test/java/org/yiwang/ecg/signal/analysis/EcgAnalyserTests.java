package org.yiwang.ecg.signal.analysis;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.Beats;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.QrsDetection;
import org.yiwang.ecg.signal.QualityIssue;
import org.yiwang.ecg.signal.QualitySettings;
import org.yiwang.ecg.signal.SignalQualityAssessor;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.Waveforms;
import org.yiwang.ecg.signal.delineation.Delineation;
import org.yiwang.ecg.signal.delineation.StemiCriteria;
import org.yiwang.ecg.signal.rhythm.AfModel;
import org.yiwang.ecg.signal.rhythm.AfNetwork;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The combined pre-analysis on synthetic 12-lead ECGs. Critical findings (危急值) send the ECG to the top of the
 * reading worklist and, for STEMI, into the chest-pain green channel (domain rule CPC-11; CPC-03 asks for a
 * diagnosis within 10 minutes of the first ECG).
 */
class EcgAnalyserTests {

    static final double FS = 500;
    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();

    static EcgRecording recording(Waveforms w) {
        return EcgRecording.of(FS, Waveforms.LEADS, w.microvolts());
    }

    static Waveforms sinus(double rate, double[] st, long seed) {
        Waveforms w = new Waveforms(FS, 10_000, seed);
        for (double t : Waveforms.regularBeats(rate, 10_000)) {
            w.normalBeat(t, true, st);
        }
        return w.realisticNoise();
    }

    @Test
    void aRestingEcgsLeadIIsReadByTheAfNetworkAndAHoltersSegmentIsNot() {
        EcgRecording resting = recording(sinus(72, null, 2));
        EcgReport r = EcgAnalyser.analyse(resting, DEFAULTS);
        int leadI = resting.leadNames().indexOf("I");
        double expected = AfNetwork.defaults().logit(AfNetwork.input(resting.leadMicrovolts(leadI), FS));
        assertThat(r.rhythm().atrialActivity().waveformAfLogit()).isEqualTo(expected);

        SyntheticEcgSpec longer = SyntheticEcgSpec.sinus(250, AfModel.NETWORK_MAX_SECONDS + 10, 70)
                .withLeads(List.of("II"));
        EcgReport segment = EcgAnalyser.analyse(SyntheticEcg.generate(longer, 3).recording(), DEFAULTS);
        assertThat(segment.rhythm().atrialActivity().waveformAfLogit()).isNaN();
    }

    @Test
    void withLeadIOffTheAfNetworkReadsTheLeadWhoseBeatsWereClassified() {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(500, 10, 80).withAtrialFibrillation(0.2)
                .withFault("I", QualityIssue.LEAD_OFF, 0, 10);
        EcgRecording recording = SyntheticEcg.generate(spec, 4).recording();
        EcgReport r = EcgAnalyser.analyse(recording, DEFAULTS);
        int morphologyLead = recording.leadNames().indexOf(r.morphologyLead());
        assertThat(r.morphologyLead()).isNotEqualTo("I");
        double expected = AfNetwork.defaults().logit(AfNetwork.input(recording.leadMicrovolts(morphologyLead), 500));
        assertThat(r.rhythm().atrialActivity().waveformAfLogit()).isEqualTo(expected);
    }

    @Test
    void normalTwelveLeadIsSinusRhythmWithIntervalsAndNothingCritical() {
        EcgReport r = EcgAnalyser.analyse(recording(sinus(72, null, 1)), DEFAULTS);
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.heartRateBpm()).isCloseTo(72, within(1.5));
        assertThat(r.beats().count()).isEqualTo(Waveforms.regularBeats(72, 10_000).length);
        assertThat(r.finding(FindingCode.SINUS_RHYTHM)).hasValueSatisfying(f -> assertThat(f.confidence()).isGreaterThan(0.6));
        Delineation d = r.delineation().orElseThrow();
        assertThat(d.intervals().prMs()).isBetween(120.0, 200.0);
        assertThat(d.intervals().qrsMs()).isBetween(70.0, 110.0);
        assertThat(d.intervals().qtcBazettMs()).isBetween(380.0, 480.0);
        assertThat(r.stemi().suspect()).isFalse();
        assertThat(r.critical()).isFalse();
        assertThat(r.criticalReasons()).isEmpty();
    }

    @Test
    void stElevationInIIIIIAndAvfIsStemiSuspectAndCritical() {
        double[] st = Waveforms.stOffsets(250, "II", "III", "aVF");
        st[Waveforms.LEADS.indexOf("I")] = -120;
        st[Waveforms.LEADS.indexOf("aVL")] = -120;
        EcgReport r = EcgAnalyser.analyse(recording(sinus(80, st, 2)), DEFAULTS);
        assertThat(r.stemi().suspect()).isTrue();
        assertThat(r.stemi().elevatedLeads()).containsExactlyInAnyOrder("II", "III", "aVF");
        assertThat(r.stemi().reciprocalLeads()).containsExactlyInAnyOrder("I", "aVL");
        assertThat(r.stemi().territories()).containsExactly("inferior");
        assertThat(r.critical()).isTrue();
        assertThat(r.criticalReasons()).containsExactly(FindingCode.STEMI_SUSPECT);
        assertThat(r.finding(FindingCode.STEMI_SUSPECT).orElseThrow().confidence()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void reciprocalDepressionRaisesStemiConfidence() {
        double[] withoutReciprocal = Waveforms.stOffsets(250, "II", "III", "aVF");
        double[] withReciprocal = withoutReciprocal.clone();
        withReciprocal[Waveforms.LEADS.indexOf("aVL")] = -150;
        double plain = EcgAnalyser.analyse(recording(sinus(80, withoutReciprocal, 3)), DEFAULTS).stemi().confidence();
        double supported = EcgAnalyser.analyse(recording(sinus(80, withReciprocal, 3)), DEFAULTS).stemi().confidence();
        assertThat(plain).isGreaterThan(0.5);
        assertThat(supported).isGreaterThan(plain);
    }

    @Test
    void elevationInOneLeadOnlyIsNotStemi() {
        EcgReport r = EcgAnalyser.analyse(recording(sinus(75, Waveforms.stOffsets(250, "III"), 4)), DEFAULTS);
        assertThat(r.stemi().suspect()).isFalse();
        assertThat(r.critical()).isFalse();
    }

    @Test
    void v2V3LimitDependsOnSexAndAge() {
        EcgRecording ecg = recording(sinus(75, Waveforms.stOffsets(180, "V2", "V3"), 5));
        EcgReport woman = EcgAnalyser.analyse(ecg, new PatientContext(StemiCriteria.Sex.FEMALE, 55), DEFAULTS);
        EcgReport man = EcgAnalyser.analyse(ecg, new PatientContext(StemiCriteria.Sex.MALE, 55), DEFAULTS);
        assertThat(woman.delineation().orElseThrow().st("V2").j60Microvolts()).isBetween(150.0, 200.0);
        assertThat(woman.stemi().suspect()).isTrue(); // ≥ 1.5 mm in women
        assertThat(man.stemi().suspect()).isFalse(); // < 2 mm in men aged 40 or more
    }

    @Test
    void irregularRhythmWithoutPWavesAt130IsAfWithRapidResponseAndCritical() {
        Waveforms w = new Waveforms(FS, 10_000, 6)
                .normalBeats(Waveforms.irregularBeats(460, 0.3, 10_000, 6), false).fibrillatoryWaves(40).realisticNoise();
        EcgReport r = EcgAnalyser.analyse(recording(w), DEFAULTS);
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        assertThat(r.heartRateBpm()).isGreaterThan(110);
        assertThat(r.criticalReasons()).contains(FindingCode.ATRIAL_FIBRILLATION_RAPID_VENTRICULAR_RESPONSE);
    }

    @Test
    void slowAtrialFibrillationIsNotCritical() {
        Waveforms w = new Waveforms(FS, 20_000, 7)
                .normalBeats(Waveforms.irregularBeats(800, 0.3, 20_000, 7), false).fibrillatoryWaves(40).realisticNoise();
        EcgReport r = EcgAnalyser.analyse(recording(w), DEFAULTS);
        assertThat(r.finding(FindingCode.ATRIAL_FIBRILLATION)).isPresent();
        assertThat(r.critical()).isFalse();
    }

    @Test
    void pauseOfTwoAndAHalfSecondsIsCriticalUnlessTheCountyRaisesTheLimit() {
        double[] beats = Arrays.stream(Waveforms.regularBeats(70, 10_000)).map(b -> b > 4000 ? b + 2500 - 857 : b)
                .filter(b -> b < 11_000).toArray();
        Waveforms w = new Waveforms(FS, 12_000, 8).normalBeats(beats, true).realisticNoise();
        EcgReport r = EcgAnalyser.analyse(recording(w), DEFAULTS);
        assertThat(r.finding(FindingCode.PAUSE)).hasValueSatisfying(f -> {
            assertThat(f.critical()).isTrue();
            assertThat(f.detail()).matches("2[45]\\d\\d ms at .*");
        });
        AnalysisThresholds county = new AnalysisThresholds(DEFAULTS.detector(), DEFAULTS.rhythm(), DEFAULTS.st(), 35,
                180, 110, 3000, 500, 0.8);
        assertThat(EcgAnalyser.analyse(recording(w), county).finding(FindingCode.PAUSE).orElseThrow().critical()).isFalse();
    }

    @Test
    void bradycardiaAt40IsReportedButOnlyAt33Critical() {
        EcgReport at40 = EcgAnalyser.analyse(recording(sinus20s(40, 9)), DEFAULTS);
        assertThat(at40.rhythm().label()).isEqualTo(RhythmLabel.SINUS_BRADYCARDIA);
        assertThat(at40.heartRateBpm()).isCloseTo(40, within(1.0));
        assertThat(at40.critical()).isFalse();
        // At 30-35 bpm the merged ecg-core detector also fires on P and T waves (reported to its owner), so the
        // true beats are given here: this test is about the critical rate limit.
        Waveforms slow = sinus20s(33, 10);
        EcgRecording ecg = recording(slow);
        QrsDetection truth = new QrsDetection(Beats.of(FS, slow.beatSamples()),
                new SignalQualityAssessor(QualitySettings.DEFAULTS).assess(ecg));
        EcgReport at33 = EcgAnalyser.analyse(ecg, truth, PatientContext.unknown(), DEFAULTS);
        assertThat(at33.heartRateBpm()).isCloseTo(33, within(1.0));
        assertThat(at33.criticalReasons()).containsExactly(FindingCode.EXTREME_BRADYCARDIA);
    }

    /** Without baseline wander, which at 30–40 bpm upsets the merged detector (reported to its owner). */
    private static Waveforms sinus20s(double rate, long seed) {
        Waveforms w = new Waveforms(FS, 20_000, seed);
        return w.normalBeats(Waveforms.regularBeats(rate, 20_000), true).noise("II", 5);
    }

    @Test
    void ventricularTachycardiaRunIsCritical() {
        Waveforms w = new Waveforms(FS, 12_000, 11);
        for (double t : Waveforms.regularBeats(70, 12_000)) {
            if (t < 4000 || t > 7200) {
                w.normalBeat(t, true, null);
            }
        }
        for (int k = 0; k < 6; k++) {
            w.ventricularBeat(4300 + k * 400);
        }
        EcgReport r = EcgAnalyser.analyse(recording(w.realisticNoise()), DEFAULTS);
        assertThat(r.criticalReasons()).contains(FindingCode.VENTRICULAR_TACHYCARDIA);
        assertThat(r.finding(FindingCode.VENTRICULAR_TACHYCARDIA).orElseThrow().detail()).startsWith("6 beats at 150 bpm");
    }

    @Test
    void noisyLeadIsWithheldFromStMeasurement() {
        // A burst over half the recording: the quality gate marks it, and the lead falls below the usable share.
        Waveforms w = sinus(75, null, 12).motionArtefact("V4", 2000, 3000, 8000);
        EcgReport r = EcgAnalyser.analyse(recording(w), DEFAULTS);
        Delineation d = r.delineation().orElseThrow();
        assertThat(r.quality().lead("V4").usableFraction()).isLessThan(DEFAULTS.usableLeadFraction());
        assertThat(d.withheldLeads()).containsExactly("V4");
        assertThat(d.st("V4").measured()).isFalse();
        assertThat(d.st("V5").measured()).isTrue();
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
    }

    @Test
    void singleLeadRecordingHasRhythmButNoDelineation() {
        Waveforms w = sinus(75, null, 13);
        EcgRecording one = EcgRecording.of(FS, java.util.List.of("II"), new int[][] { w.lead("II") });
        EcgReport r = EcgAnalyser.analyse(one, DEFAULTS);
        assertThat(r.delineation()).isEmpty();
        assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.morphologyLead()).isEqualTo("II");
    }
}
