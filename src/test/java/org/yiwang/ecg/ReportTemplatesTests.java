package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ReportTemplatesTests {

    static final ReportTemplates TEMPLATES =
            new ReportTemplates(ReportTemplates.read(new ClassPathResource("ecg/report-templates.tsv")));

    static EcgPreAnalysis analysis(String rhythm, List<String> findings, int ventricularBeats,
            EcgPreAnalysis.HolterSummary holter) {
        return new EcgPreAnalysis(80.0, rhythm, 1000,
                findings.stream().map(f -> new EcgPreAnalysis.Finding(f, 0.9, false, "", 0)).toList(), null, List.of(),
                List.of(), List.of(), holter == null ? 1 : 6, ventricularBeats, 0, holter);
    }

    /** A Holter summary stored before the AF episodes were kept. */
    static EcgPreAnalysis.HolterSummary holter(EcgPreAnalysis.HolterSummary.RhythmTime... times) {
        return new EcgPreAnalysis.HolterSummary(List.of(times), null, null, 0, null, null, null);
    }

    /** A 30-minute Holter summary with one AF episode of the given length. */
    static EcgPreAnalysis.HolterSummary holterWithEpisode(double afSeconds) {
        double percent = Math.round(1000 * afSeconds / 1800) / 10.0;
        return new EcgPreAnalysis.HolterSummary(List.of(), null, null, 0, null,
                new EcgPreAnalysis.HolterSummary.AfBurden(1, afSeconds, percent,
                        List.of(new EcgPreAnalysis.HolterSummary.AfEpisode(100, afSeconds, 110, 130))),
                List.of());
    }

    @Test
    void anAtrialFibrillationEpisodeNoSegmentWasReadInSuggestsParoxysmalAtrialFibrillation() {
        // 90 s of fibrillation inside a 5-minute segment read as sinus rhythm as a whole
        EcgPreAnalysis paroxysm = analysis("SINUS_RHYTHM", List.of("SINUS_RHYTHM"), 0, holterWithEpisode(90));

        assertThat(TEMPLATES.suggestedFor(paroxysm)).extracting(ReportStatement::code)
                .containsExactly("SINUS_RHYTHM", "PAROXYSMAL_AF");
    }

    @Test
    void anEpisodeLastingTheWholeHolterIsAtrialFibrillationNotParoxysmal() {
        EcgPreAnalysis persistent = analysis("ATRIAL_FIBRILLATION", List.of("ATRIAL_FIBRILLATION"), 0,
                holterWithEpisode(1795));

        assertThat(TEMPLATES.suggestedFor(persistent)).extracting(ReportStatement::code)
                .containsExactly("ATRIAL_FIBRILLATION");
    }

    @Test
    void aHolterInAtrialFibrillationForPartOfItsTimeSuggestsParoxysmalAtrialFibrillation() {
        EcgPreAnalysis paroxysm = analysis("SINUS_RHYTHM", List.of("SINUS_RHYTHM", "ATRIAL_FIBRILLATION"), 0, holter(
                new EcgPreAnalysis.HolterSummary.RhythmTime("SINUS_RHYTHM", 1200, 66.7),
                new EcgPreAnalysis.HolterSummary.RhythmTime("ATRIAL_FIBRILLATION", 600, 33.3)));

        assertThat(TEMPLATES.suggestedFor(paroxysm)).extracting(ReportStatement::code)
                .containsExactly("SINUS_RHYTHM", "PAROXYSMAL_AF");
        assertThat(TEMPLATES.find("PAROXYSMAL_AF").orElseThrow().zh()).isEqualTo("阵发性心房颤动");
    }

    @Test
    void atrialFibrillationThroughoutStaysAtrialFibrillation() {
        EcgPreAnalysis resting = analysis("ATRIAL_FIBRILLATION", List.of("ATRIAL_FIBRILLATION"), 0, null);
        EcgPreAnalysis holter = analysis("ATRIAL_FIBRILLATION", List.of("ATRIAL_FIBRILLATION"), 0,
                holter(new EcgPreAnalysis.HolterSummary.RhythmTime("ATRIAL_FIBRILLATION", 1800, 100)));

        assertThat(TEMPLATES.suggestedFor(resting)).extracting(ReportStatement::code)
                .containsExactly("ATRIAL_FIBRILLATION");
        assertThat(TEMPLATES.suggestedFor(holter)).extracting(ReportStatement::code)
                .containsExactly("ATRIAL_FIBRILLATION");
    }

    @Test
    void countedVentricularPrematureBeatsAreSuggestedUnlessTheyAreFrequentEctopy() {
        assertThat(TEMPLATES.suggestedFor(analysis("SINUS_RHYTHM", List.of("SINUS_RHYTHM"), 61, null)))
                .extracting(ReportStatement::code).containsExactly("SINUS_RHYTHM", "PREMATURE_VENTRICULAR");
        assertThat(TEMPLATES.suggestedFor(analysis("SINUS_RHYTHM",
                List.of("SINUS_RHYTHM", "FREQUENT_VENTRICULAR_ECTOPY"), 180, null)))
                .extracting(ReportStatement::code).containsExactly("SINUS_RHYTHM", "FREQUENT_PVC");
        assertThat(TEMPLATES.suggestedFor(analysis("SINUS_RHYTHM", List.of("SINUS_RHYTHM"), 0, null)))
                .extracting(ReportStatement::code).containsExactly("SINUS_RHYTHM");
    }
}
