package org.yiwang.records.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewAttachment;
import org.yiwang.records.NewEntry;
import org.yiwang.testing.WebSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clinician's shared-record view over HTTP as the demo doctor: timeline across organisations, filters, keyset
 * "more", detail pages of every kind, attachment download, trend data, the audited result-sharing decision, and the
 * precise 4xx answers.
 */
@IntegrationTest
class RecordViewIntegrationTests {

    private static final String PURPOSE = "test setup";
    private static final Pattern ENTRY_ID = Pattern.compile("data-entry-id=\"(\\d+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthRecord record;

    WebSession doctor;
    long resident;
    RecordFixtures.Organisation hospital;
    RecordFixtures.Organisation centre;
    RecordFixtures.Author author;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void signInAndPickAResident() {
        doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        resident = RecordFixtures.freshResident(jdbc);
        List<RecordFixtures.Organisation> orgs = RecordFixtures.twoOrganisations(jdbc);
        hospital = orgs.get(0);
        centre = orgs.get(1);
        author = RecordFixtures.authorAt(jdbc, hospital.id());
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }

    private long add(NewEntry entry) {
        return record.record(entry, PURPOSE);
    }

    private static List<Long> entryIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ENTRY_ID.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static String section(String html, String testId) {
        int start = html.indexOf("data-testid=\"" + testId + "\"");
        assertThat(start).as(testId).isPositive();
        int end = html.indexOf("</section>", start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as(name + " in " + tag).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void showsAllergiesProblemsMedicationsAndTheTimelineOfTwoOrganisationsNewestFirst() {
        long visit = add(RecordFixtures.encounter(resident, centre.id(), null, daysAgo(30),
                EntryDetails.EncounterClass.OUTPATIENT, "头晕三天"));
        long glucose = add(RecordFixtures.observation(resident, hospital.id(), author.id(), daysAgo(3), "14749-6",
                "8.2", "mmol/L"));
        long critical = add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(2), "2823-3", "6.8",
                "mmol/L"));
        long hypertension = add(RecordFixtures.diagnosis(resident, centre.id(), daysAgo(20), "I10"));
        long amlodipine = add(RecordFixtures.prescription(resident, centre.id(), daysAgo(10), "苯磺酸氨氯地平片", "5",
                "mg", "口服", "每日一次"));
        long penicillin = add(RecordFixtures.allergy(resident, hospital.id(), daysAgo(400), "青霉素", "过敏性休克"));

        HttpResponse<String> page = doctor.get("/records/residents/" + resident);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(section(html, "allergies")).contains("青霉素").contains("过敏性休克").contains("高危");
        assertThat(html.indexOf("data-testid=\"allergies\"")).isLessThan(html.indexOf("data-testid=\"problems\""));
        assertThat(section(html, "problems")).contains("I10").contains("/records/entries/" + hypertension);
        assertThat(section(html, "medications")).contains("苯磺酸氨氯地平片").contains("5 mg").contains("口服")
                .contains("每日一次").contains(centre.nameZh());
        List<Long> timeline = entryIds(section(html, "timeline-section"));
        assertThat(timeline).containsExactly(critical, glucose, amlodipine, hypertension, visit, penicillin);
        String timelineHtml = section(html, "timeline-section");
        assertThat(timelineHtml).contains(hospital.nameZh()).contains(centre.nameZh()).contains(author.name())
                .contains("flag-critical").contains("危急值（高）").contains("flag-abnormal").contains("偏高");
        String shanghai = EntryView.time(daysAgo(3));
        assertThat(timelineHtml).contains(shanghai);
        assertThat(html).doesNotContain("data-testid=\"timeline-more\"");
    }

    @Test
    void filtersByKindDateAndOrganisationAndKeepsTheFilterInTheLinks() {
        long old = add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(100), "14749-6", "5.0", "mmol/L"));
        long recentHospital = add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(5), "14749-6", "5.1", "mmol/L"));
        long recentCentre = add(RecordFixtures.observation(resident, centre.id(), null, daysAgo(4), "14749-6", "5.2", "mmol/L"));
        long diagnosis = add(RecordFixtures.diagnosis(resident, hospital.id(), daysAgo(3), "E11.9"));
        String from = LocalDate.ofInstant(daysAgo(30), ZoneId.of("Asia/Shanghai")).toString();

        String byKind = doctor.get("/records/residents/" + resident + "?kind=OBSERVATION").body();
        String byKindAndDate = doctor.get("/records/residents/" + resident + "?kind=OBSERVATION&from=" + from).body();
        String byAll = doctor.get("/records/residents/" + resident + "?kind=OBSERVATION&from=" + from + "&org="
                + hospital.id()).body();
        String conditionsByDay = doctor.get("/records/residents/" + resident + "?kind=CONDITION&to="
                + LocalDate.ofInstant(daysAgo(3), ZoneId.of("Asia/Shanghai"))).body();

        assertThat(entryIds(section(byKind, "timeline-section"))).containsExactly(recentCentre, recentHospital, old);
        assertThat(entryIds(section(byKindAndDate, "timeline-section"))).containsExactly(recentCentre, recentHospital);
        assertThat(entryIds(section(byAll, "timeline-section"))).containsExactly(recentHospital);
        assertThat(entryIds(section(conditionsByDay, "timeline-section"))).containsExactly(diagnosis);
        assertThat(byAll).contains("value=\"" + from + "\"")
                .containsPattern("<option value=\"" + hospital.id() + "\" selected=\"selected\">")
                .contains("data-testid=\"filter-clear\"");
    }

    @Test
    void moreLoadsTheNextKeysetPageWithTheSameFilterAndNoRepeats() {
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.add(RecordFixtures.observation(resident, i % 2 == 0 ? hospital.id() : centre.id(), null,
                    daysAgo(i / 3), "14749-6", "5." + i % 10, "mmol/L"));
        }
        List<Long> all = record.recordOrFindAll(entries, PURPOSE).stream().map(HealthRecord.Recorded::id).toList();
        add(RecordFixtures.diagnosis(resident, hospital.id(), daysAgo(1), "I10"));

        String first = doctor.get("/records/residents/" + resident + "?kind=OBSERVATION").body();
        Matcher more = Pattern.compile("<a[^>]*data-testid=\"timeline-more\"[^>]*>").matcher(first);
        assertThat(more.find()).as("the more link").isTrue();
        String pageLink = attribute(more.group(), "href");
        String fragmentLink = attribute(more.group(), "hx-get");
        assertThat(pageLink).startsWith("/records/residents/" + resident + "?kind=OBSERVATION&after=");
        assertThat(fragmentLink).startsWith("/records/residents/" + resident + "/timeline?kind=OBSERVATION&after=");
        HttpResponse<String> next = doctor.send(HttpRequest.newBuilder(URI.create(doctor.baseUrl() + fragmentLink))
                .header("HX-Request", "true").GET().build());

        assertThat(next.statusCode()).isEqualTo(200);
        List<Long> firstIds = entryIds(section(first, "timeline-section"));
        List<Long> nextIds = entryIds(next.body());
        assertThat(firstIds).hasSize(50);
        assertThat(nextIds).hasSize(10).doesNotContainAnyElementsOf(firstIds);
        List<Long> seen = new ArrayList<>(firstIds);
        seen.addAll(nextIds);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(next.body()).contains("hx-swap-oob=\"true\"").contains("data-testid=\"timeline-end\"")
                .doesNotContain("data-testid=\"timeline-more\"");
        String secondPage = doctor.get(pageLink).body();
        assertThat(entryIds(section(secondPage, "timeline-section"))).isEqualTo(nextIds);
        assertThat(secondPage).contains("href=\"/records/residents/" + resident + "?kind=OBSERVATION\" data-testid=\"timeline-first\"");
    }

    @Test
    void showsEveryKindOnItsDetailPage() {
        long visit = add(RecordFixtures.encounter(resident, hospital.id(), author.id(), daysAgo(9),
                EntryDetails.EncounterClass.INPATIENT, "血糖控制不佳"));
        long glucose = add(RecordFixtures.inEncounter(RecordFixtures.observation(resident, hospital.id(), null,
                daysAgo(8), "1558-6", "9.6", "mmol/L"), visit));
        long hba1c = add(RecordFixtures.inEncounter(RecordFixtures.observation(resident, hospital.id(), null,
                daysAgo(8), "4548-4", "8.1", "%"), visit));
        long report = add(RecordFixtures.inEncounter(RecordFixtures.report(resident, hospital.id(), daysAgo(8),
                List.of(glucose, hba1c), List.of(new NewAttachment("生化报告.pdf", "application/pdf",
                        RecordFixtures.pdf()))), visit));
        long rx = add(RecordFixtures.inEncounter(RecordFixtures.prescription(resident, hospital.id(), daysAgo(7),
                "盐酸二甲双胍片", "0.5", "g", "口服", "每日两次"), visit));
        long summary = add(RecordFixtures.inEncounter(RecordFixtures.dischargeSummary(resident, hospital.id(),
                daysAgo(2)), visit));
        long wrong = add(RecordFixtures.observation(resident, centre.id(), null, daysAgo(1), "14749-6", "55", "mmol/L"));
        long right = record.correct(wrong, RecordFixtures.observation(resident, centre.id(), null, daysAgo(1),
                "14749-6", "5.5", "mmol/L"), "小数点录错", PURPOSE);

        String observation = doctor.get("/records/entries/" + glucose).body();
        assertThat(observation).contains("空腹血糖").contains("9.6 mmol/L").contains("3.9–6.1").contains("偏高")
                .contains("/records/entries/" + visit);
        String reportPage = doctor.get("/records/entries/" + report).body();
        assertThat(reportPage).contains("血糖、糖化血红蛋白升高").contains("符合2型糖尿病控制不佳").contains("李检验")
                .contains("生化报告.pdf").contains("8.1 %");
        assertThat(entryIds(section(reportPage, "related"))).containsExactly(glucose, hba1c);
        String document = doctor.get("/records/entries/" + summary).body();
        assertThat(document).contains("入院情况").contains("出院医嘱").contains("氨氯地平 5 mg 每日一次");
        String prescription = doctor.get("/records/entries/" + rx).body();
        assertThat(prescription).contains("盐酸二甲双胍片").contains("0.5 g").contains("口服").contains("每日两次")
                .contains("90 天");
        String encounter = doctor.get("/records/entries/" + visit).body();
        assertThat(encounter).contains("住院").contains("血糖控制不佳").contains(author.name());
        assertThat(entryIds(section(encounter, "related"))).containsExactly(glucose, hba1c, report, rx, summary);
        String voided = doctor.get("/records/entries/" + wrong).body();
        assertThat(voided).contains("data-testid=\"voided\"").contains("小数点录错")
                .contains("href=\"/records/entries/" + right + "\"");
    }

    @Test
    void downloadsAnAttachmentByteForByteWithItsTypeAndASafeFileName() {
        byte[] pdf = RecordFixtures.pdf();
        long report = add(RecordFixtures.report(resident, hospital.id(), daysAgo(1), List.of(),
                List.of(new NewAttachment("../胸片\"报告\r\n.pdf", "application/pdf", pdf))));
        long attachment = record.find(report, PURPOSE).orElseThrow().attachments().getFirst().id();

        HttpResponse<byte[]> file = doctor.getBytes("/records/attachments/" + attachment);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String disposition = file.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").doesNotContain("/").doesNotContain("\r")
                .doesNotContain("\\\"").contains("filename*=UTF-8''");
        assertThat(EntryController.safeFileName("../胸片\"报告\r\n.pdf", org.springframework.http.MediaType.APPLICATION_PDF))
                .isEqualTo("_胸片_报告__.pdf");
        assertThat(doctor.getBytes("/records/attachments/" + Long.MAX_VALUE).statusCode()).isEqualTo(404);
    }

    @Test
    void trendDataHoldsBloodPressureGlucoseAndHba1cPointsOldestFirstWithTheirRanges() {
        add(RecordFixtures.bloodPressure(resident, centre.id(), daysAgo(60), "150", "95"));
        add(RecordFixtures.bloodPressure(resident, hospital.id(), daysAgo(30), "138", "86"));
        add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(20), "1558-6", "7.2", "mmol/L"));
        add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(10), "14749-6", "9.1", "mmol/L"));
        add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(90), "4548-4", "7.9", "%"));
        add(RecordFixtures.observation(resident, hospital.id(), null, Instant.now().minus(Duration.ofDays(6 * 366)),
                "4548-4", "9.9", "%"));

        HttpResponse<String> response = doctor.get("/records/residents/" + resident + "/trends");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode charts = JsonMapper.builder().build().readTree(response.body()).get("charts");
        JsonNode bp = charts.get(0);
        assertThat(bp.get("key").asString()).isEqualTo("bp");
        assertThat(bp.get("lines").get(0).get("code").asString()).isEqualTo("8480-6");
        assertThat(bp.get("lines").get(0).get("points")).extracting(p -> p.get("v").decimalValue().intValue())
                .containsExactly(150, 138);
        assertThat(bp.get("lines").get(1).get("points")).extracting(p -> p.get("v").decimalValue().intValue())
                .containsExactly(95, 86);
        assertThat(bp.get("lines").get(0).get("points")).extracting(p -> p.get("flag").asString())
                .containsExactly("H", "N");
        assertThat(bp.get("lines").get(0).get("high").decimalValue().intValue()).isEqualTo(139);
        assertThat(bp.get("lines").get(1).get("low").decimalValue().intValue()).isEqualTo(60);
        JsonNode glucose = charts.get(1);
        assertThat(glucose.get("lines").get(0).get("points")).hasSize(1);
        assertThat(glucose.get("lines").get(1).get("points").get(0).get("flag").asString()).isEqualTo("H");
        JsonNode hba1c = charts.get(2);
        assertThat(hba1c.get("lines").get(0).get("points")).as("only the last 5 years").hasSize(1);
        assertThat(hba1c.get("lines").get(0).get("low").decimalValue()).isEqualByComparingTo("4.0");
    }

    @Test
    void resultSharingShowsEquivalentResultsFromAnyOrganisationAndAuditsTheDecision() {
        long fasting = add(RecordFixtures.observation(resident, centre.id(), null, daysAgo(5), "1558-6", "6.4", "mmol/L"));
        add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(90), "14749-6", "6.0", "mmol/L"));
        doctor.get("/records/residents/" + resident);

        HttpResponse<String> offers = doctor.send(HttpRequest.newBuilder(URI.create(doctor.baseUrl()
                + "/records/residents/" + resident + "/result-sharing?code=14749-6")).header("HX-Request", "true").GET().build());
        assertThat(offers.statusCode()).isEqualTo(200);
        assertThat(entryIds(offers.body().replace("name=\"entryId\" value=\"", "data-entry-id=\""))).containsExactly(fasting);
        assertThat(offers.body()).contains(centre.nameZh()).contains("6.4 mmol/L").contains("HIS");

        long before = decisions();
        HttpResponse<String> used = doctor.post("/records/residents/" + resident + "/result-sharing",
                Map.of("code", "14749-6", "decision", "use", "entryId", Long.toString(fasting)));
        HttpResponse<String> ordered = doctor.post("/records/residents/" + resident + "/result-sharing",
                Map.of("code", "4548-4", "decision", "order"));
        HttpResponse<String> notOffered = doctor.post("/records/residents/" + resident + "/result-sharing",
                Map.of("code", "4548-4", "decision", "use", "entryId", Long.toString(fasting)));

        assertThat(used.statusCode()).isEqualTo(302);
        assertThat(used.headers().firstValue("Location").orElseThrow()).contains("shared=used");
        assertThat(ordered.statusCode()).isEqualTo(302);
        assertThat(notOffered.statusCode()).isEqualTo(400);
        assertThat(notOffered.body()).contains("不是该居民近期的同类结果");
        List<String> audited = jdbc.sql("""
                        select action || ' ' || object_id || ' ' || coalesce(detail, '') from platform.audit_event
                        where resident_id = :r and action like 'RESULT_SHARING_%' order by id""")
                .param("r", resident).query(String.class).list();
        assertThat(decisions() - before).isEqualTo(2);
        assertThat(audited).containsExactly("RESULT_SHARING_ACCEPTED 14749-6 used entry " + fasting,
                "RESULT_SHARING_DECLINED 4548-4 ordered anyway");
        assertThat(doctor.get("/records/residents/" + resident + "/result-sharing?code=nope").statusCode())
                .isEqualTo(400);
    }

    @Test
    void answers404ForAnUnknownResidentOrEntryAnd400ForAMalformedCursorOrDate() {
        add(RecordFixtures.observation(resident, hospital.id(), null, daysAgo(1), "14749-6", "5.0", "mmol/L"));

        assertThat(doctor.get("/records/residents/" + Long.MAX_VALUE).statusCode()).isEqualTo(404);
        assertThat(doctor.get("/records/entries/" + Long.MAX_VALUE).statusCode()).isEqualTo(404);
        HttpResponse<String> badCursor = doctor.get("/records/residents/" + resident + "?after=yesterday");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("翻页标记“yesterday”无效");
        HttpResponse<String> badDate = doctor.get("/records/residents/" + resident + "?from=2024-02-30");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("日期“2024-02-30”无效").contains("value=\"2024-02-30\"");
        HttpResponse<String> reversed = doctor.get("/records/residents/" + resident + "?from=2025-03-01&to=2025-01-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("早于起始日期");
        assertThat(doctor.get("/records/residents/" + resident + "/timeline?after=1_x").statusCode()).isEqualTo(400);
        assertThat(doctor.get("/records/residents/" + resident + "?kind=GOSSIP").statusCode()).isEqualTo(400);
    }

    @Test
    void aRegistrarMayNotOpenTheClinicalView() {
        WebSession registrar = new WebSession(port);
        registrar.login("registrar", DemoMode.DEMO_PASSWORD);

        assertThat(registrar.get("/records/residents/" + resident).statusCode()).isEqualTo(403);
        assertThat(doctor.get("/mpi/residents/" + resident).body()).contains("/records/residents/" + resident);
    }

    private long decisions() {
        return jdbc.sql("select count(*) from platform.audit_event where resident_id = :r and action like 'RESULT_SHARING_%'")
                .param("r", resident).query(Long.class).single();
    }
}
