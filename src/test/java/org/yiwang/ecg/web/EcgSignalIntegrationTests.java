package org.yiwang.ecg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.WebSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer's JSON endpoint over HTTP: windows of the stored samples with the detected beats, the default and the
 * largest window, 400 problem documents for windows outside the recording, 404 for an unknown recording, 403 for a
 * clinic without a relationship to the resident, and the standalone viewer page.
 */
@IntegrationTest
class EcgSignalIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    EcgFixtures fixtures;
    long township;
    long resident;

    @BeforeEach
    void townshipClinicAndItsDoctors() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        township = fixtures.townshipCentre();
        resident = fixtures.freshResident();
        fixtures.staff("ecg-view-township", township, Role.DOCTOR);
        fixtures.staff("ecg-view-other", fixtures.otherTownshipCentre(), Role.DOCTOR);
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private long upload(EcgKind kind, EcgRecording samples) {
        fixtures.actAs("ecg-view-township");
        try {
            return recordings.store(EcgFixtures.upload(resident, township, kind, samples, null));
        } finally {
            EcgFixtures.actAsSystem();
        }
    }

    private WebSession signedIn(String username) {
        WebSession web = new WebSession(port);
        web.login(username, DemoMode.DEMO_PASSWORD);
        return web;
    }

    private static HttpResponse<String> json(WebSession web, String path) {
        return web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + path))
                .header("Accept", "application/json").GET().build());
    }

    @Test
    void aWindowCarriesTheStoredSamplesOfEveryLeadAndTheDetectedBeatsInIt() {
        SyntheticEcg ecg = EcgFixtures.twelveLead(75, 11);
        long id = upload(EcgKind.RESTING_12_LEAD, ecg.recording());
        fixtures.awaitAnalysed(id);
        WebSession web = signedIn("ecg-view-township");

        HttpResponse<String> response = json(web, "/ecg/recordings/" + id + "/signal?from=1000&count=1500");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("recordingId").asLong()).isEqualTo(id);
        assertThat(body.get("samplingRateHz").asDouble()).isEqualTo(500.0);
        assertThat(body.get("totalSamples").asLong()).isEqualTo(5000);
        assertThat(body.get("fromSample").asLong()).isEqualTo(1000);
        assertThat(body.get("leadNames").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(EcgFixtures.TWELVE_LEADS);
        JsonNode microvolts = body.get("microvolts");
        assertThat(microvolts.size()).isEqualTo(12);
        for (int lead = 0; lead < 12; lead++) {
            assertThat(microvolts.get(lead).size()).isEqualTo(1500);
            for (int i = 0; i < 1500; i += 97) {
                assertThat(microvolts.get(lead).get(i).asInt()).as("lead %d sample %d", lead, 1000 + i)
                        .isEqualTo(ecg.recording().sampleMicrovolts(lead, 1000 + i));
            }
        }
        List<Integer> beats = body.get("beats").valueStream().map(JsonNode::asInt).toList();
        List<Integer> truth = java.util.Arrays.stream(ecg.beats().sampleIndices())
                .filter(s -> s >= 1000 && s < 2500).boxed().toList();
        assertThat(beats).hasSameSizeAs(truth).allSatisfy(b -> assertThat(b).isBetween(1000, 2499));
        for (int i = 0; i < truth.size(); i++) {
            assertThat(beats.get(i)).as("beat %d", i).isCloseTo(truth.get(i), org.assertj.core.data.Offset.offset(10));
        }
    }

    @Test
    void withoutACountTheWindowIsTenSecondsAndTheLastWindowIsCutAtTheEnd() {
        EcgRecording strip = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 25, 60)
                .withLeads(List.of("II", "V5")), 3).recording();
        long id = upload(EcgKind.RHYTHM_STRIP, strip);
        WebSession web = signedIn("ecg-view-township");

        JsonNode first = JSON.readTree(json(web, "/ecg/recordings/" + id + "/signal").body());
        assertThat(first.get("fromSample").asLong()).isZero();
        assertThat(first.get("microvolts").get(0).size()).isEqualTo(2500);
        assertThat(first.get("totalSamples").asLong()).isEqualTo(6250);

        JsonNode last = JSON.readTree(json(web, "/ecg/recordings/" + id + "/signal?from=5000&count=2500").body());
        assertThat(last.get("microvolts").get(1).size()).isEqualTo(1250);
        assertThat(last.get("microvolts").get(1).get(1249).asInt()).isEqualTo(strip.sampleMicrovolts(1, 6249));
    }

    @Test
    void windowsOutsideTheRecordingOrLongerThanAMinuteAreBadRequestsThatSayWhy() {
        long id = upload(EcgKind.RESTING_12_LEAD, EcgFixtures.twelveLead(70, 12).recording());
        WebSession web = signedIn("ecg-view-township");

        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=-1&count=100"), 400, "negative");
        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=5000&count=100"), 400, "0..4999");
        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=0&count=0"), 400, "at least 1");
        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=0&count=30001"), 400, "60 s");
        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=abc"), 400, null);
    }

    @Test
    void anUnknownRecordingIsNotFound() {
        long unknown = jdbc.sql("select coalesce(max(id), 0) + 1000 from ecg.recording").query(Long.class).single();
        WebSession web = signedIn("ecg-view-township");

        assertProblem(json(web, "/ecg/recordings/" + unknown + "/signal"), 404, null);
        assertThat(web.get("/ecg/recordings/" + unknown + "/view").statusCode()).isEqualTo(404);
    }

    @Test
    void aClinicWithoutARelationshipToTheResidentIsRefusedTheSignalAndThePage() {
        long id = upload(EcgKind.RESTING_12_LEAD, EcgFixtures.twelveLead(70, 13).recording());
        WebSession web = signedIn("ecg-view-other");
        long audited = auditedSignalReads(id);

        assertProblem(json(web, "/ecg/recordings/" + id + "/signal?from=0&count=100"), 403, null);
        assertThat(web.get("/ecg/recordings/" + id + "/view").statusCode()).isEqualTo(403);
        assertThat(auditedSignalReads(id)).isEqualTo(audited);
    }

    @Test
    void everyWindowReadIsAuditedAndThePageEmbedsTheViewer() {
        long id = upload(EcgKind.RESTING_12_LEAD, EcgFixtures.twelveLead(70, 14).recording());
        WebSession web = signedIn("ecg-view-township");
        long before = auditedSignalReads(id);

        assertThat(json(web, "/ecg/recordings/" + id + "/signal?from=0&count=100").statusCode()).isEqualTo(200);
        assertThat(json(web, "/ecg/recordings/" + id + "/signal?from=100&count=100").statusCode()).isEqualTo(200);
        assertThat(auditedSignalReads(id)).isEqualTo(before + 2);

        HttpResponse<String> page = web.get("/ecg/recordings/" + id + "/view?lang=zh-CN");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-ecg-viewer", "/ecg/recordings/" + id + "/signal", "/ecg/ecg-viewer.js",
                "静息十二导联心电图", "data-msg-caliper-result=\"导联 {0}：Δt {1} ms");
    }

    private long auditedSignalReads(long id) {
        return jdbc.sql("select count(*) from platform.audit_event where action = 'READ_ECG_SIGNAL' and object_id = :id")
                .param("id", Long.toString(id)).query(Long.class).single();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (detailContains != null) {
            assertThat(problem.get("detail").asString()).contains(detailContains);
        }
    }
}
