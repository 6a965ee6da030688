package org.yiwang.records.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.records.portal.PortalFixtures.location;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewAttachment;
import org.yiwang.records.NewEntry;
import org.yiwang.records.Quantity;
import org.yiwang.testing.WebSession;

/**
 * The portal's record pages: the resident's own results with their flags explained in plain words, reports with
 * their PDF (kept or written), a ward's vaccinations through the guardian, another resident's items refused, and
 * hiding an item from other organisations except where the law requires sharing.
 */
@IntegrationTest
class PortalRecordIntegrationTests {

    private static final String PURPOSE = "portal test: clinic upload";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    HealthRecord record;

    PortalFixtures fixtures;
    long hospital;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void fixtures() {
        fixtures = new PortalFixtures(jdbc, encryption);
        hospital = jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1")
                .query(Long.class).single();
    }

    private WebSession signedIn(String phone) {
        WebSession web = new WebSession(port);
        PortalFixtures.signIn(web, phone);
        return web;
    }

    private NewEntry observation(long resident, Instant at, String loinc, String value, String unit) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, loinc, ""), null, "final",
                at, null, new Quantity(new BigDecimal(value), unit), null, null, null,
                new EntryDetails.Observation(List.of(), "血清", null), hospital, null, null, null, List.of());
    }

    private NewEntry bloodPressure(long resident, Instant at, int systolic, int diastolic) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "85354-9", "血压"),
                "vital-signs", "final", at, null, null, null, null, null, new EntryDetails.Observation(List.of(
                new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"), Quantity.of(Integer.toString(systolic), "mm[Hg]"), null, null),
                new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"), Quantity.of(Integer.toString(diastolic), "mm[Hg]"), null, null)),
                null, null), hospital, null, null, null, List.of());
    }

    private NewEntry report(long resident, Instant at, String name, String category, String conclusion,
            List<Long> results, List<NewAttachment> files) {
        return new NewEntry(resident, EntryKind.DIAGNOSTIC_REPORT, null, new Coding(Coding.LOINC, "24558-9", name),
                category, "final", at, null, null, null, null, null,
                new EntryDetails.Report("肝脏大小形态正常，实质回声增强。", conclusion, results, "李超声"), hospital, null,
                null, null, files);
    }

    private NewEntry diagnosis(long resident, Instant at, String icd) {
        return new NewEntry(resident, EntryKind.CONDITION, null, new Coding(Coding.ICD10, icd, ""), null, "active", at,
                null, null, null, null, null, new EntryDetails.Condition(EntryDetails.DiagnosisRole.PRIMARY, null, null),
                hospital, null, null, null, List.of());
    }

    private NewEntry vaccination(long resident, Instant at, String code, String name, int dose, String site) {
        return new NewEntry(resident, EntryKind.IMMUNIZATION, null, new Coding(Coding.VACCINE, code, name), null,
                "completed", at, null, null, null, null, null,
                new EntryDetails.Immunization("20241234", null, dose, site, "肌内注射"), hospital, null, null, null,
                List.of());
    }

    private static String body(WebSession web, String path) {
        HttpResponse<String> response = web.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void residentSeesOwnResultsNewestFirstWithEachFlagExplainedInPlainWords() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("赵德明", LocalDate.of(1956, 4, 4), phone, null);
        record.record(observation(resident, now.minus(Duration.ofDays(30)), "1558-6", "7.2", "mmol/L"), PURPOSE);
        record.record(observation(resident, now.minus(Duration.ofDays(20)), "2823-3", "6.5", "mmol/L"), PURPOSE);
        record.record(observation(resident, now.minus(Duration.ofDays(10)), "2093-3", "4.1", "mmol/L"), PURPOSE);
        record.record(bloodPressure(resident, now.minus(Duration.ofDays(1)), 152, 96), PURPOSE);
        WebSession web = signedIn(phone);

        String page = body(web, "/me/record");

        assertThat(page).contains("我的报告和检查结果", "空腹血糖", "7.2 mmol/L", "3.9–6.1 mmol/L",
                "偏高：高于参考范围上限 6.1 mmol/L。单次偏高不一定是病，请结合医生意见。",
                // potassium 6.5 is at or above the critical limit 6.2: contact a doctor now
                "钾", "危急值：远高于参考范围上限 5.5 mmol/L", "请马上联系您的医生",
                // the panel shows both parts, each with its own flag
                "收缩压", "152 mmHg", "舒张压", "96 mmHg", "收缩压：偏高：高于参考范围上限 139 mmHg",
                "总胆固醇", "4.1 mmol/L", "≤ 5.2 mmol/L");
        assertThat(page.indexOf("收缩压")).isLessThan(page.indexOf("总胆固醇"));
        assertThat(page.indexOf("总胆固醇")).isLessThan(page.indexOf("钾"));
        assertThat(page.indexOf("钾")).isLessThan(page.indexOf("空腹血糖"));
        assertThat(page).contains("data-flag=\"CRITICAL_HIGH\"", "data-flag=\"NORMAL\"");
        assertThat(page.split("data-testid=\"portal-record-item\"", -1)).hasSize(5);
        assertThat(body(web, "/me/record?lang=en")).contains("My reports and results", "Fasting glucose",
                "High: above the upper limit of the reference range, 6.1 mmol/L.", "Contact your doctor now");
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where resident_id = :r and action = 'VIEW_TIMELINE'
                        and purpose = 'resident portal: own record'""")
                .param("r", resident).query(Long.class).single()).isPositive();
    }

    @Test
    void resultsArePagedByKeysetAndABadPagePositionIsRefused() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("钱多多", LocalDate.of(1961, 2, 2), phone, null);
        List<NewEntry> readings = new ArrayList<>();
        for (int day = 1; day <= 25; day++) {
            readings.add(observation(resident, now.minus(Duration.ofDays(day)), "14749-6", "5." + (day % 10), "mmol/L"));
        }
        record.recordOrFindAll(readings, PURPOSE);
        WebSession web = signedIn(phone);

        String first = body(web, "/me/record");
        assertThat(first.split("data-testid=\"portal-record-item\"", -1)).hasSize(21);
        Matcher older = Pattern.compile("/me/record\\?after=([0-9_]+)").matcher(first);
        assertThat(older.find()).isTrue();
        String second = body(web, "/me/record?after=" + older.group(1));
        assertThat(second.split("data-testid=\"portal-record-item\"", -1)).hasSize(6);
        assertThat(second).doesNotContain("data-testid=\"portal-record-older\"");
        assertThat(web.get("/me/record?after=last-week").statusCode()).isEqualTo(400);
    }

    @Test
    void aReportWithoutAFileDownloadsAsAWrittenPdfWithItsResults() throws Exception {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("孙丽华", LocalDate.of(1964, 6, 6), phone, null);
        long glucose = record.record(observation(resident, now.minus(Duration.ofDays(3)), "1558-6", "7.2", "mmol/L"), PURPOSE);
        long report = record.record(report(resident, now.minus(Duration.ofDays(3)), "腹部超声", "ULTRASOUND",
                "脂肪肝（轻度）", List.of(glucose), List.of()), PURPOSE);
        WebSession web = signedIn(phone);

        String page = body(web, "/me/record/" + report);
        assertThat(page).contains("腹部超声", "检查所见", "肝脏大小形态正常", "结论", "脂肪肝（轻度）", "李超声", "超声",
                "空腹血糖", "偏高：高于参考范围上限 6.1 mmol/L", "/me/record/" + report + "/pdf");

        HttpResponse<byte[]> pdf = web.getBytes("/me/record/" + report + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
        assertThat(text).contains("腹部超声", "孙丽华", "脂肪肝（轻度）", "肝脏大小形态正常", "空腹血糖", "7.2 mmol/L", "偏高",
                jdbc.sql("select name_zh from registry.organisation where id = :id").param("id", hospital)
                        .query(String.class).single());
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where resident_id = :r
                        and action = 'PORTAL_DOWNLOAD_REPORT' and object_id = :id""")
                .param("r", resident).param("id", Long.toString(report)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReportWithAKeptPdfDownloadsThatFileByteForByte() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("周晓", LocalDate.of(1970, 7, 7), phone, null);
        byte[] kept = "%PDF-1.4\n% kept by the hospital\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
        long report = record.record(report(resident, now.minus(Duration.ofDays(2)), "胸部CT", "IMAGING",
                "未见明显异常", List.of(), List.of(new NewAttachment("胸部CT\"报告\r\n.pdf", "application/pdf", kept))), PURPOSE);
        WebSession web = signedIn(phone);

        HttpResponse<byte[]> pdf = web.getBytes("/me/record/" + report + "/pdf");

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).isEqualTo(kept);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        String disposition = pdf.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").doesNotContain("\r", "\n", "\"报告");
        assertThat(pdf.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        long attachment = jdbc.sql("select id from records.attachment where entry_id = :e").param("e", report)
                .query(Long.class).single();
        assertThat(web.getBytes("/me/record/" + report + "/attachments/" + attachment).body()).isEqualTo(kept);
        assertThat(web.getBytes("/me/record/" + report + "/attachments/" + (attachment + 100_000)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void guardianSeesTheWardsVaccinationsAndTheWardsResults() {
        String phone = fixtures.newMobileNumber();
        long mother = fixtures.resident("冯敏", LocalDate.of(1990, 3, 3), phone, null);
        long child = fixtures.resident("冯小宝", LocalDate.now().minusYears(3), null, mother);
        record.record(vaccination(child, now.minus(Duration.ofDays(900)), "HepB", "乙肝疫苗", 1, "右上臂"), PURPOSE);
        record.record(vaccination(child, now.minus(Duration.ofDays(870)), "HepB", "乙肝疫苗", 2, "右上臂"), PURPOSE);
        record.record(vaccination(child, now.minus(Duration.ofDays(600)), "MMR", "麻腮风疫苗", 1, "左上臂"), PURPOSE);
        record.record(vaccination(mother, now.minus(Duration.ofDays(60)), "Flu", "流感疫苗", 1, "左上臂"), PURPOSE);
        WebSession web = signedIn(phone);

        assertThat(body(web, "/me/immunizations")).contains("流感疫苗").doesNotContain("麻腮风疫苗");
        web.post("/me/subject", Map.of("residentId", Long.toString(child)));
        String page = body(web, "/me/immunizations");

        assertThat(page).contains("冯** 的疫苗接种记录", "您正在以监护人身份查看", "乙肝疫苗", "第 1 剂", "第 2 剂",
                "麻腮风疫苗", "部位：左上臂", "肌内注射").doesNotContain("流感疫苗");
        assertThat(page.split("data-testid=\"portal-vaccination\"", -1)).hasSize(4);
        assertThat(page.indexOf("麻腮风疫苗")).isLessThan(page.indexOf("乙肝疫苗"));
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where resident_id = :child
                        and action = 'VIEW_TIMELINE' and purpose = 'resident portal: guardian'""")
                .param("child", child).query(Long.class).single()).isPositive();
    }

    @Test
    void anotherResidentsItemIsRefusedAndAWardsItemNeedsTheWardChosenFirst() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("陈立", LocalDate.of(1975, 5, 5), phone, null);
        long stranger = fixtures.resident("韩梅", LocalDate.of(1980, 8, 8), fixtures.newMobileNumber(), null);
        long theirs = record.record(observation(stranger, now.minus(Duration.ofDays(1)), "1558-6", "9.9", "mmol/L"), PURPOSE);
        long theirReport = record.record(report(stranger, now.minus(Duration.ofDays(1)), "胸片", "IMAGING", "正常",
                List.of(), List.of()), PURPOSE);
        WebSession web = signedIn(phone);

        assertThat(web.get("/me/record/" + theirs).statusCode()).isEqualTo(403);
        assertThat(web.get("/me/record/" + theirs).body()).doesNotContain("9.9").contains("不能查看这一项")
                .doesNotContain("break-glass");
        assertThat(web.getBytes("/me/record/" + theirReport + "/pdf").statusCode()).isEqualTo(403);
        assertThat(web.post("/me/record/" + theirs + "/hide", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.get("/me/record/999999999").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select hidden_at is null from records.entry where id = :id").param("id", theirs)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where resident_id = :r and action = 'ACCESS_DENIED'""")
                .param("r", stranger).query(Long.class).single()).isPositive();
    }

    @Test
    void residentHidesADiagnosisAndSharesItAgainButNotANotifiableDisease() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("吕强", LocalDate.of(1966, 9, 9), phone, null);
        long hypertension = record.record(diagnosis(resident, now.minus(Duration.ofDays(100)), "I10"), PURPOSE);
        long tuberculosis = record.record(diagnosis(resident, now.minus(Duration.ofDays(50)), "A15.0"), PURPOSE);
        WebSession web = signedIn(phone);

        String health = body(web, "/me/health");
        assertThat(health).contains("目前的健康问题", "/me/record/" + hypertension, "/me/record/" + tuberculosis,
                ">高血压</strong>", "医学诊断名：");
        assertThat(body(web, "/me/record/" + hypertension)).contains("对其他机构隐藏", "data-testid=\"portal-hide\"");

        assertThat(location(web.post("/me/record/" + hypertension + "/hide", Map.of())))
                .endsWith("/me/record/" + hypertension + "?hidden");
        assertThat(hiddenAt(hypertension)).isTrue();
        assertThat(body(web, "/me/record/" + hypertension + "?hidden")).contains("已隐藏", "data-testid=\"portal-unhide\"");
        assertThat(body(web, "/me/health")).contains("已对其他机构隐藏");
        assertThat(location(web.post("/me/record/" + hypertension + "/unhide", Map.of())))
                .endsWith("?shared");
        assertThat(hiddenAt(hypertension)).isFalse();

        // the law requires a notifiable infectious disease to be shared (传染病防治法): refused with the reason
        assertThat(body(web, "/me/record/" + tuberculosis)).contains("data-testid=\"portal-consent-law\"")
                .doesNotContain("data-testid=\"portal-hide\"");
        HttpResponse<String> refused = web.post("/me/record/" + tuberculosis + "/hide", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("不能隐藏", "《中华人民共和国传染病防治法》", "A15.0", "仍须为您保密");
        assertThat(hiddenAt(tuberculosis)).isFalse();
        assertThat(web.post("/me/record/" + tuberculosis + "/hide?lang=en", Map.of()).body())
                .contains("(A15.0) cannot be hidden", "Law of the People&#39;s Republic of China");
        assertThat(jdbc.sql("""
                        select string_agg(action, ',' order by id) from platform.audit_event
                        where resident_id = :r and action in ('HIDE_ENTRY', 'UNHIDE_ENTRY')""")
                .param("r", resident).query(String.class).single()).isEqualTo("HIDE_ENTRY,UNHIDE_ENTRY");
    }

    @Test
    void aGuardianMayHideAChildsItemAndTheItemMustBelongToTheChosenPerson() {
        String phone = fixtures.newMobileNumber();
        long mother = fixtures.resident("曹静", LocalDate.of(1991, 4, 1), phone, null);
        long child = fixtures.resident("曹小满", LocalDate.now().minusYears(8), null, mother);
        long asthma = record.record(diagnosis(child, now.minus(Duration.ofDays(30)), "J45.9"), PURPOSE);
        WebSession web = signedIn(phone);

        // while the mother views herself, the child's item is not in the record being viewed
        assertThat(web.get("/me/record/" + asthma).statusCode()).isEqualTo(404);
        web.post("/me/subject", Map.of("residentId", Long.toString(child)));
        assertThat(body(web, "/me/record/" + asthma)).contains("data-testid=\"portal-hide\"");
        assertThat(location(web.post("/me/record/" + asthma + "/hide", Map.of()))).endsWith("?hidden");
        assertThat(hiddenAt(asthma)).isTrue();
        assertThat(jdbc.sql("""
                        select purpose from platform.audit_event where resident_id = :child and action = 'HIDE_ENTRY'""")
                .param("child", child).query(String.class).single())
                .isEqualTo("resident portal: guardian: hide from other organisations");
    }

    @Test
    void medicationsAndAllergiesAreListedInPlainWords() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("施文", LocalDate.of(1950, 1, 10), phone, null);
        record.record(new NewEntry(resident, EntryKind.MEDICATION_REQUEST, null,
                new Coding("urn:yiwang:drug", "AMLO5", "苯磺酸氨氯地平片"), null, "active",
                now.minus(Duration.ofDays(5)), now.plus(Duration.ofDays(25)), null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("5", "mg"), "口服", "每日一次", 30, Quantity.of("30", "片")),
                hospital, null, null, null, List.of()), PURPOSE);
        record.record(new NewEntry(resident, EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, "penicillin", "青霉素"),
                null, "active", now.minus(Duration.ofDays(400)), null, null, null, null, null,
                new EntryDetails.Allergy(EntryDetails.AllergyCategory.MEDICATION, EntryDetails.Criticality.HIGH, "过敏性休克"),
                hospital, null, null, null, List.of()), PURPOSE);
        WebSession web = signedIn(phone);

        String page = body(web, "/me/health");

        assertThat(page).contains("苯磺酸氨氯地平片", "每次 5 mg", "每日一次", "口服", "青霉素", "药物", "过敏反应：过敏性休克",
                "有严重过敏的风险", "没有记录需要随访的健康问题");
    }

    private boolean hiddenAt(long entryId) {
        return jdbc.sql("select hidden_at is not null from records.entry where id = :id").param("id", entryId)
                .query(Boolean.class).single();
    }
}
