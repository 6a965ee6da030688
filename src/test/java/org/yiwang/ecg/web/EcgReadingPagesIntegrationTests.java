package org.yiwang.ecg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.WebSession;

/** The reading pages over HTTP: live answers, bad input as 4xx with field messages, roles, both languages. */
@IntegrationTest
class EcgReadingPagesIntegrationTests {

    private static final Pattern VERSION = Pattern.compile("data-version=\"([0-9a-f]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    EcgRecordings recordings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    long recordingId;

    @BeforeEach
    void anUploadedEcg() {
        EcgFixtures fixtures = new EcgFixtures(jdbc, accounts, users);
        long township = fixtures.townshipCentre();
        fixtures.staff("ecg-pg-township", township, Role.DOCTOR);
        fixtures.staff("ecg-pg-reader", fixtures.countyHospital(), Role.ECG_READER);
        fixtures.actAs("ecg-pg-township");
        recordingId = recordings.store(EcgFixtures.upload(fixtures.freshResident(), township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(75, 5).recording(), null));
        EcgFixtures.actAsSystem();
        fixtures.awaitAnalysed(recordingId);
        // the demo county's own ECGs (some at this township centre) are analysed in the background after start-up:
        // the live checks below need an inbox that nothing else is changing
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                "select count(*) from ecg.recording where status = 'RECEIVED'").query(Long.class).single() == 0);
        // first page whatever else waits: flagged critical, waiting longest
        jdbc.sql("update ecg.recording set critical = true, uploaded_at = now() - interval '3 days' where id = :id")
                .param("id", recordingId).update();
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private static String version(String html) {
        Matcher m = VERSION.matcher(html);
        assertThat(m.find()).as("a live container with its version").isTrue();
        return m.group(1);
    }

    @Test
    void theRecordingPageCountsTheBeatsAndPrematureBeatsOfThePreAnalysis() {
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> page = reader.get("/ecg/recordings/" + recordingId);
        assertThat(page.statusCode()).isEqualTo(200);
        // a 10-s sinus ECG at 75/min generated without ectopic beats
        assertThat(page.body()).contains("data-testid=\"beat-counts\"")
                .containsPattern("1[23] 次 · 室性早搏 0 次（0.0%）· 室上性早搏 0 次（0.0%）");
        assertThat(reader.get("/ecg/recordings/" + recordingId + "?lang=en").body())
                .contains("ventricular premature 0 (0.0%)");
    }

    @Test
    void aFindingBelowEvenOddsIsShownAsPossibleOnTheWorklistAndBothRecordingPages() {
        // atrial fibrillation is called from p 0.23 (the operating point for 95 % specificity)
        jdbc.sql("""
                update ecg.recording set analysis = jsonb_set(analysis, '{findings}', cast(:f as jsonb))
                where id = :id""")
                .param("f", """
                        [{"code": "ATRIAL_FIBRILLATION_RAPID_VENTRICULAR_RESPONSE", "confidence": 0.31,
                          "critical": true, "detail": "132/min", "atSeconds": 0},
                         {"code": "SINUS_RHYTHM", "confidence": 0.9, "critical": false, "detail": "", "atSeconds": 0}]""")
                .param("id", recordingId).update();
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        for (String path : List.of("/ecg/worklist", "/ecg/recordings/" + recordingId, "/ecg/reading/" + recordingId)) {
            String body = reader.get(path).body();
            assertThat(body).as(path).contains("可能心房颤动伴快速心室率").doesNotContain("可能窦性心律");
        }
        assertThat(reader.get("/ecg/recordings/" + recordingId + "?lang=en").body())
                .contains("Possible: Atrial fibrillation with rapid ventricular response");
    }

    @Test
    void theDemoHoltersPagesGiveItsRhythmTimesSlowestAndFastestMinuteAndPauses() {
        long holter = jdbc.sql("select id from ecg.recording where idempotency_key = 'demo-7'").query(Long.class)
                .single();
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        // 30 minutes of sinus rhythm at 70/min with ventricular premature beats and no pause
        for (String path : List.of("/ecg/recordings/" + holter, "/ecg/reading/" + holter)) {
            HttpResponse<String> page = reader.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("data-testid=\"holter-rhythms\"")
                    .contains("窦性心律 100.0%（0 时 30 分）")
                    .containsPattern("最慢 6\\d 次/分</span>\\s*于 <a [^>]*data-ecg-goto=\"\\d+\"[^>]*>\\d\\d:\\d\\d</a>")
                    .containsPattern("最快 7\\d 次/分</span>")
                    .containsPattern("data-testid=\"holter-pauses\">无<");
        }
        assertThat(reader.get("/ecg/recordings/" + holter + "?lang=en").body())
                .contains("Sinus rhythm 100.0% (0 h 30 min)").contains("slowest 6").contains("Show in the ECG");
        // a 10-s ECG has none of it
        assertThat(reader.get("/ecg/recordings/" + recordingId).body()).doesNotContain("holter-rhythms");
    }

    @Test
    void theDemoHoltersPagesListItsAtrialFibrillationEpisodeAndItsRateTrend() {
        long holter = jdbc.sql("select id from ecg.recording where idempotency_key = 'demo-8'").query(Long.class)
                .single();
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        // 15 minutes of sinus rhythm at 74/min, then 10 of atrial fibrillation at 96/min: one episode of about 10
        // minutes from about 15:00 (40 % of the recording), and 25 minutes of rates per 10 minutes
        for (String path : List.of("/ecg/recordings/" + holter, "/ecg/reading/" + holter)) {
            HttpResponse<String> page = reader.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("data-testid=\"holter-af-episodes\"")
                    .containsPattern("1 次，共 (9:[45]\\d|10:[01]\\d)，房颤负荷 (39\\.\\d|40\\.\\d)%")
                    .containsPattern("data-testid=\"holter-af-episode-start\" data-ecg-goto=\"(89\\d|90\\d)\"")
                    .containsPattern("<td>9\\d / 1\\d\\d</td>")
                    .contains("每 10 分钟心率")
                    .containsPattern("心房颤动 (39\\.\\d|40\\.\\d)%");
            assertThat(page.body().split("data-testid=\"holter-trend-period\"", -1)).as(path).hasSize(4);
        }
        // the 30-minute sinus Holter has none
        long sinus = jdbc.sql("select id from ecg.recording where idempotency_key = 'demo-7'").query(Long.class)
                .single();
        assertThat(reader.get("/ecg/recordings/" + sinus).body())
                .containsPattern("data-testid=\"holter-af-episodes\">无<");
        assertThat(reader.get("/ecg/recordings/" + holter + "?lang=en").body())
                .contains("AF episodes").containsPattern("1, (9:[45]\\d|10:[01]\\d) in all, AF burden")
                .contains("Heart rate per 10 minutes").contains("Ventricular rate mean/max (bpm)");
    }

    @Test
    void theLiveWorklistAnswersNoContentUntilSomethingChanges() {
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> page = reader.get("/ecg/worklist");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-recording-id=\"" + recordingId + "\"");
        String version = version(page.body());

        assertThat(reader.get("/ecg/worklist/live?v=" + version).statusCode()).isEqualTo(204);

        HttpResponse<String> claimed = reader.post("/ecg/worklist/" + recordingId + "/claim", Map.of());
        assertThat(claimed.statusCode()).isEqualTo(302);
        assertThat(claimed.headers().firstValue("Location").orElseThrow()).endsWith("/ecg/reading/" + recordingId);
        HttpResponse<String> changed = reader.get("/ecg/worklist/live?v=" + version);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("id=\"ecg-worklist-live\"").doesNotContain("<html");
        assertThat(version(changed.body())).isNotEqualTo(version);
    }

    /** The reader signed in, having claimed the uploaded ECG from the worklist page. */
    private WebSession readerHoldingTheClaim() {
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        reader.get("/ecg/worklist");
        assertThat(reader.post("/ecg/worklist/" + recordingId + "/claim", Map.of()).statusCode()).isEqualTo(302);
        return reader;
    }

    @Test
    void theRecordingPageNamesTheStateOfAClaimedAndOfASignedEcgInBothLanguages() {
        WebSession reader = readerHoldingTheClaim();
        assertThat(reader.get("/ecg/recordings/" + recordingId).body()).contains("诊断中").doesNotContain("??");

        reader.get("/ecg/reading/" + recordingId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("statementCodes", "SINUS_RHYTHM");
        form.put("heartRateBpm", "75");
        form.put("conclusion", "窦性心律");
        assertThat(reader.post("/ecg/reading/" + recordingId + "/sign", form).statusCode()).isEqualTo(302);
        assertThat(reader.get("/ecg/recordings/" + recordingId).body()).contains("已出报告").doesNotContain("??");
        assertThat(reader.get("/ecg/recordings/" + recordingId + "?lang=en").body()).contains("Report signed")
                .doesNotContain("??");
    }

    @Test
    void aReportWithProblemsIsRedisplayedWithFieldMessagesAndNothingSigned() {
        WebSession reader = readerHoldingTheClaim();
        reader.get("/ecg/reading/" + recordingId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("statementCodes", "SINUS_RHYTHM");
        form.put("heartRateBpm", "七十");
        form.put("qtcMs", "5000");
        form.put("conclusion", "");

        HttpResponse<String> response = reader.post("/ecg/reading/" + recordingId + "/sign", form);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("请填写整数", "请填写 100 到 800 之间的整数", "请填写诊断结论");
        assertThat(jdbc.sql("select status from ecg.recording where id = :id").param("id", recordingId)
                .query(String.class).single()).isEqualTo("CLAIMED");

        form.put("heartRateBpm", "75");
        form.put("qtcMs", "420");
        form.put("conclusion", "窦性心律，正常心电图");
        HttpResponse<String> signed = reader.post("/ecg/reading/" + recordingId + "/sign", form);
        assertThat(signed.statusCode()).isEqualTo(302);
        assertThat(reader.get("/ecg/reading/" + recordingId).body()).contains("签名有效", "窦性心律，正常心电图");
    }

    @Test
    void badInputIsAClientErrorAndPagesKeepToTheirRoles() {
        WebSession reader = new WebSession(port);
        reader.login("ecg-pg-reader", DemoMode.DEMO_PASSWORD);
        assertThat(reader.get("/ecg/worklist?after=garbage").statusCode()).isEqualTo(400);
        assertThat(reader.get("/ecg/turnaround?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(reader.get("/ecg/turnaround").statusCode()).isEqualTo(200);
        assertThat(reader.get("/ecg/clinic").statusCode()).isEqualTo(403);
        HttpResponse<String> english = reader.get("/ecg/worklist?lang=en");
        assertThat(english.body()).contains("ECG reading worklist", "Claim");

        WebSession clinic = new WebSession(port);
        clinic.login("ecg-pg-township", DemoMode.DEMO_PASSWORD);
        assertThat(clinic.get("/ecg/worklist").statusCode()).isEqualTo(403);
        HttpResponse<String> inbox = clinic.get("/ecg/clinic");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("data-recording-id=\"" + recordingId + "\"", "等待心电诊断中心诊断");
        assertThat(clinic.get("/ecg/clinic/live?v=" + version(inbox.body())).statusCode()).isEqualTo(204);
        HttpResponse<String> early = clinic.post("/ecg/clinic/" + recordingId + "/acknowledge", Map.of());
        assertThat(early.statusCode()).isEqualTo(302);
        assertThat(clinic.get("/ecg/clinic").body()).contains("这份心电图还没有报告");
    }
}
