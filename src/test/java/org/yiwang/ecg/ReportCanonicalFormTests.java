package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ReportCanonicalFormTests {

    private static byte[] form(List<SignedReport.Statement> statements, String conclusion, boolean critical) {
        return ReportCanonicalForm.of(7, 11, 3, 1, Instant.parse("2026-11-23T01:02:03.456789Z"), "a.hea=00ff\n", 1,
                statements, 72, 160, 90, 380, 410, conclusion, critical, 42, "王医生",
                Instant.parse("2026-11-23T01:05:00.123456Z"), null, null);
    }

    @Test
    void theSameReportGivesTheSameBytesAndEveryFieldChangesThem() {
        List<SignedReport.Statement> s = List.of(new SignedReport.Statement("SINUS_RHYTHM", "窦性心律"));
        assertThat(form(s, "正常心电图", false)).isEqualTo(form(s, "正常心电图", false));
        assertThat(form(s, "正常心电图", true)).isNotEqualTo(form(s, "正常心电图", false));
        assertThat(form(s, "正常心电图 ", false)).isNotEqualTo(form(s, "正常心电图", false));
        assertThat(new String(form(s, "正常心电图", false), StandardCharsets.UTF_8))
                .startsWith("format:yiwang-ecg-report/1\n")
                .contains("file:a.hea=00ff\n", "signed-at:2026-11-23T01:05:00.123456Z\n");
    }

    @Test
    void aValueCannotForgeALineOfItsOwn() {
        List<SignedReport.Statement> one = List.of(new SignedReport.Statement(null, "a\ncritical:true"));
        List<SignedReport.Statement> two = List.of(new SignedReport.Statement(null, "a"),
                new SignedReport.Statement(null, "critical:true"));
        assertThat(form(one, "x", false)).isNotEqualTo(form(two, "x", false));
        assertThat(new String(form(one, "x\ncritical:true", false), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("critical:"))).containsExactly("critical:false");
    }

    @Test
    void theStatementCatalogueSuggestsStatementsFromThePreAnalysis() {
        ReportTemplates templates = new ReportTemplates(ReportTemplates.read(new ClassPathResource("ecg/report-templates.tsv")));
        EcgPreAnalysis analysis = new EcgPreAnalysis(78.0, "SINUS_RHYTHM", 13,
                List.of(new EcgPreAnalysis.Finding("STEMI_SUSPECT", 0.8, true, "", 0),
                        new EcgPreAnalysis.Finding("SINUS_RHYTHM", 0.95, false, "", 0)),
                null, List.of("II", "III", "aVF"), List.of("inferior"), List.of(), 1, 0, 0, null);

        assertThat(templates.suggestedFor(analysis)).extracting(ReportStatement::code)
                .containsExactly("SINUS_RHYTHM", "STEMI_INFERIOR");
        assertThat(templates.find("STEMI_INFERIOR").orElseThrow().critical()).isTrue();
        assertThat(templates.find("STEMI_INFERIOR").orElseThrow().zh()).isEqualTo("急性下壁ST段抬高型心肌梗死");
        assertThat(templates.all()).hasSizeGreaterThan(30);
    }

    @Test
    void aMalformedCatalogueLineIsNamed() {
        assertThatThrownBy(() -> ReportTemplates.parse(List.of("# header", "X\t窦\tsinus\trhythm\tmaybe\t"), "t.tsv"))
                .hasMessageContaining("t.tsv line 2");
    }

    @Test
    void aWorklistPositionRoundTripsAndGarbageIsRefused() {
        WorklistCursor c = new WorklistCursor(true, Instant.parse("2026-11-23T01:02:03.456789Z"), 99);
        assertThat(WorklistCursor.parse(c.token())).isEqualTo(c);
        assertThatThrownBy(() -> WorklistCursor.parse("c:x:1"))
                .isInstanceOf(org.yiwang.platform.web.InvalidInputException.class);
    }
}
