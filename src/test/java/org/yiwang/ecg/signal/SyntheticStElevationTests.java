package org.yiwang.ecg.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.analysis.AnalysisThresholds;
import org.yiwang.ecg.signal.analysis.EcgAnalyser;
import org.yiwang.ecg.signal.analysis.EcgReport;
import org.yiwang.ecg.signal.analysis.FindingCode;

/** The generator's injury-current pattern is what the pre-analysis must flag (CPC-11: STEMI is a critical value). */
class SyntheticStElevationTests {

    static final Map<String, Integer> INFERIOR = Map.of("II", 250, "III", 300, "aVF", 280, "I", -120, "aVL", -150);

    @Test
    void inferiorInjuryPatternIsAStemiSuspectInTheInferiorLeads() {
        SyntheticEcg base = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 78).withGaussianNoise(10), 11);

        EcgReport report = EcgAnalyser.analyse(base.withStDeviation(INFERIOR).recording(), AnalysisThresholds.defaults());

        assertThat(report.stemi().suspect()).isTrue();
        assertThat(report.stemi().elevatedLeads()).contains("II", "III", "aVF");
        assertThat(report.stemi().territories()).containsExactly("inferior");
        assertThat(report.criticalReasons()).contains(FindingCode.STEMI_SUSPECT);
        assertThat(EcgAnalyser.analyse(base.recording(), AnalysisThresholds.defaults()).stemi().suspect()).isFalse();
    }

    @Test
    void shiftsOnlyTheStSegmentOfTheNamedLeads() {
        SyntheticEcg base = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 5, 60), 3);
        SyntheticEcg injured = base.withStDeviation(Map.of("V2", 200));
        int v2 = base.recording().indexOfLead("V2");
        int v5 = base.recording().indexOfLead("V5");
        int r = base.beats().sampleIndex(1);

        assertThat(injured.recording().leadMicrovolts(v5)).isEqualTo(base.recording().leadMicrovolts(v5));
        assertThat(injured.recording().sampleMicrovolts(v2, r + 60) - base.recording().sampleMicrovolts(v2, r + 60))
                .isEqualTo(200); // 120 ms after R: inside the ST segment
        assertThat(injured.recording().sampleMicrovolts(v2, r - 50)).isEqualTo(base.recording().sampleMicrovolts(v2, r - 50));
        assertThat(injured.beats()).isEqualTo(base.beats());
    }
}
