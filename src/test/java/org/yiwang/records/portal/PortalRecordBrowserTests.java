package org.yiwang.records.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewEntry;
import org.yiwang.records.Quantity;
import org.yiwang.testing.Browsers;
import org.yiwang.testing.Chromium;

/** A resident on a 375 px phone opens their results, a report with its explanation, and downloads the report's PDF. */
@IntegrationTest
class PortalRecordBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    HealthRecord record;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void fitsThePhone(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).as("page wider than the phone").isEqualTo(false);
    }

    @Test
    void residentOpensResultsAndAReportOnAPhoneAndDownloadsItsPdf() throws Exception {
        PortalFixtures fixtures = new PortalFixtures(jdbc, encryption);
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("郭秀英", LocalDate.of(1952, 10, 10), phone, null);
        long hospital = jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1")
                .query(Long.class).single();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String purpose = "browser test: clinic upload";
        long glucose = record.record(lab(resident, hospital, now.minus(Duration.ofDays(6)), "1558-6", "7.2"), purpose);
        long creatinine = record.record(lab(resident, hospital, now.minus(Duration.ofDays(6)), "2160-0", "88"), purpose);
        record.record(lab(resident, hospital, now.minus(Duration.ofDays(4)), "2823-3", "6.6"), purpose);
        record.record(new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "85354-9", "血压"),
                "vital-signs", "final", now.minus(Duration.ofDays(2)), null, null, null, null, null,
                new EntryDetails.Observation(List.of(
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"), Quantity.of("148", "mm[Hg]"), null, null),
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"), Quantity.of("86", "mm[Hg]"), null, null)),
                        null, null), hospital, null, null, null, List.of()), purpose);
        long report = record.record(new NewEntry(resident, EntryKind.DIAGNOSTIC_REPORT, null,
                new Coding(Coding.LOINC, "24323-8", "生化检查"), "LAB", "final", now.minus(Duration.ofDays(6)), null,
                null, null, null, null, new EntryDetails.Report("空腹采血，血清标本。", "空腹血糖偏高，肾功能正常。",
                List.of(glucose, creatinine), "检验科 周检验"), hospital, null, null, null, List.of()), purpose);

        Page page = chromium.page(Chromium.PHONE);
        page.navigate(url("/login/resident"));
        page.fill("[data-testid=resident-phone]", phone);
        page.click("[data-testid=resident-send-code]");
        page.waitForURL(url("/login/resident/code"));
        page.fill("[data-testid=resident-code]", page.locator("[data-testid=demo-code-value]").textContent().strip());
        page.click("[data-testid=resident-verify]");
        page.waitForURL(url("/me"));

        page.click("[data-testid=portal-record-link]");
        page.waitForURL(url("/me/record"));
        assertThat(page.locator("h1")).hasText("我的报告和检查结果");
        assertThat(page.locator("[data-testid=portal-record-item]")).hasCount(5);
        assertThat(page.locator(".yw-critical")).hasCount(1);
        assertThat(page.locator(".yw-critical")).containsText("请马上联系您的医生");
        assertThat(page.locator("[data-testid=portal-record-item]").first()).containsText("收缩压");
        assertThat(page.locator("[data-testid=portal-record-item]").first())
                .containsText("收缩压：偏高：高于参考范围上限 139 mmHg");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-record-phone");

        page.click("[data-testid=portal-record-item][data-kind=DIAGNOSTIC_REPORT] [data-testid=portal-record-link]");
        page.waitForURL(url("/me/record/" + report));
        assertThat(page.locator("[data-testid=portal-item-name]")).hasText("生化检查");
        assertThat(page.locator("[data-testid=portal-conclusion]")).containsText("空腹血糖偏高");
        assertThat(page.locator("[data-testid=portal-item-result-row]")).hasCount(2);
        assertThat(page.locator("[data-testid=portal-item-results]"))
                .containsText("偏高：高于参考范围上限 6.1 mmol/L。单次偏高不一定是病，请结合医生意见。");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-report-phone");

        Download download = page.waitForDownload(() -> page.click("[data-testid=portal-pdf]"));
        Path saved = Browsers.screenshot("portal-report").resolveSibling("portal-report.pdf");
        download.saveAs(saved);
        byte[] pdf = Files.readAllBytes(saved);
        org.assertj.core.api.Assertions.assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".pdf").contains("生化检查");
        String text = new org.openpdf.text.pdf.parser.PdfTextExtractor(new org.openpdf.text.pdf.PdfReader(pdf))
                .getTextFromPage(1);
        org.assertj.core.api.Assertions.assertThat(text).contains("生化检查", "郭秀英", "空腹血糖偏高，肾功能正常。",
                "肌酐", "88 μmol/L");

        page.click("[data-testid=lang-en]");
        assertThat(page.locator("[data-testid=portal-item-results]")).containsText("High: above the upper limit");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-report-phone-en");
    }

    @Test
    void guardianOpensAChildsVaccinationsAndOwnMedicinesOnAPhone() {
        PortalFixtures fixtures = new PortalFixtures(jdbc, encryption);
        String phone = fixtures.newMobileNumber();
        long father = fixtures.resident("唐建国", LocalDate.of(1985, 1, 15), phone, null);
        long child = fixtures.resident("唐果果", LocalDate.now().minusYears(2), null, father);
        long hospital = jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1")
                .query(Long.class).single();
        Instant born = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(700));
        String purpose = "browser test: clinic upload";
        Object[][] doses = {{"HepB", "乙肝疫苗", 1, 0}, {"BCG", "卡介苗", 1, 0}, {"HepB", "乙肝疫苗", 2, 30},
                {"DTaP", "百白破疫苗", 1, 90}, {"MMR", "麻腮风疫苗", 1, 240}};
        for (Object[] d : doses) {
            record.record(new NewEntry(child, EntryKind.IMMUNIZATION, null,
                    new Coding(Coding.VACCINE, (String) d[0], (String) d[1]), null, "completed",
                    born.plus(Duration.ofDays((Integer) d[3])), null, null, null, null, null,
                    new EntryDetails.Immunization("202401" + d[3], null, (Integer) d[2], "左上臂", "肌内注射"), hospital,
                    null, null, null, List.of()), purpose);
        }
        record.record(new NewEntry(father, EntryKind.MEDICATION_REQUEST, null,
                new Coding(Coding.LOCAL, "MET500", "盐酸二甲双胍片"), null, "active",
                Instant.now().minus(Duration.ofDays(3)), Instant.now().plus(Duration.ofDays(27)), null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("0.5", "g"), "口服", "每日两次", 30, Quantity.of("60", "片")),
                hospital, null, null, null, List.of()), purpose);
        record.record(new NewEntry(father, EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, "penicillin", "青霉素"),
                null, "active", Instant.now().minus(Duration.ofDays(900)), null, null, null, null, null,
                new EntryDetails.Allergy(EntryDetails.AllergyCategory.MEDICATION, EntryDetails.Criticality.HIGH, "皮疹、呼吸困难"),
                hospital, null, null, null, List.of()), purpose);
        record.record(new NewEntry(father, EntryKind.CONDITION, null, new Coding(Coding.ICD10, "E11.9", ""), null,
                "active", Instant.now().minus(Duration.ofDays(400)), null, null, null, null, null,
                new EntryDetails.Condition(EntryDetails.DiagnosisRole.CHRONIC, null, null), hospital, null, null, null,
                List.of()), purpose);

        Page page = chromium.page(Chromium.PHONE);
        page.navigate(url("/login/resident"));
        page.fill("[data-testid=resident-phone]", phone);
        page.click("[data-testid=resident-send-code]");
        page.waitForURL(url("/login/resident/code"));
        page.fill("[data-testid=resident-code]", page.locator("[data-testid=demo-code-value]").textContent().strip());
        page.click("[data-testid=resident-verify]");
        page.waitForURL(url("/me"));

        page.click("[data-testid=portal-health-link]");
        page.waitForURL(url("/me/health"));
        assertThat(page.locator("[data-testid=portal-allergy]")).containsText("有严重过敏的风险");
        assertThat(page.locator("[data-testid=portal-medication]")).containsText("每次 0.5 g");
        assertThat(page.locator("[data-testid=portal-problem]")).hasCount(1);
        assertThat(page.locator("[data-testid=portal-problem-name]")).hasText("2 型糖尿病");
        assertThat(page.locator("[data-testid=portal-problem]")).containsText("医学诊断名：非胰岛素依赖型糖尿病");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-health-phone");

        page.navigate(url("/me"));
        page.locator("[data-testid=portal-person]").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("我是监护人")).click();
        page.waitForURL(url("/me"));
        page.click("[data-testid=portal-immunizations-link]");
        page.waitForURL(url("/me/immunizations"));
        assertThat(page.locator("h1")).hasText("唐** 的疫苗接种记录");
        assertThat(page.locator("[data-testid=portal-vaccination]")).hasCount(5);
        assertThat(page.locator("[data-testid=portal-vaccination]").first()).containsText("麻腮风疫苗");
        assertThat(page.locator("[data-testid=portal-vaccination]").last()).containsText("第 1 剂");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-immunizations-phone");
    }

    private static NewEntry lab(long resident, long organisation, Instant at, String loinc, String value) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, loinc, ""), "laboratory",
                "final", at, null, new Quantity(new BigDecimal(value), loinc.equals("2160-0") ? "umol/L" : "mmol/L"),
                null, null, null, new EntryDetails.Observation(List.of(), "血清", null), organisation, null, null, null,
                List.of());
    }
}
