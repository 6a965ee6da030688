package org.yiwang.ecg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.yiwang.ecg.EcgSignalWindow;
import org.yiwang.ecg.EcgUploads;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.ecg.format.EcgFiles;
import org.yiwang.ecg.format.EcgSourceFormat;
import org.yiwang.ecg.format.SyntheticHolter;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.security.internal.ApiClients;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The device-gateway intake API with real organisation tokens: resumable uploads, one-shot uploads, status. */
@IntegrationTest
class EcgIntakeIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 64 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    EcgUploads uploads;

    @Autowired
    EcgRecordings recordings;

    private final HttpClient http = HttpClient.newHttpClient();
    private EcgFixtures fixtures;
    private String token;
    private String otherToken;
    private long resident;

    @BeforeEach
    void townshipGatewayToken() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        token = apiClients.issue(fixtures.townshipCentre(), "城关镇卫生院 心电网关", "test").token();
        otherToken = apiClients.issue(fixtures.otherTownshipCentre(), "青石镇卫生院 心电网关", "test").token();
        resident = fixtures.freshResident();
    }

    @Test
    void aHoltersJsonGivesItsAtrialFibrillationEpisodesAndRateTrend() {
        // 150 s of sinus rhythm at 70/min, then 90 s of atrial fibrillation at 110/min (2 leads, 250 Hz)
        List<String> leads = List.of("II", "V5");
        EcgRecording holter = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 150, 70).withLeads(leads)
                .withGaussianNoise(10), 31).followedBy(SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 90, 110)
                .withLeads(leads).withAtrialFibrillation(0.2).withGaussianNoise(10), 32)).recording();
        fixtures.staff("ecg-intake-holter", fixtures.townshipCentre(), Role.DOCTOR);
        fixtures.actAs("ecg-intake-holter");
        long id = recordings.store(EcgFixtures.upload(resident, fixtures.townshipCentre(), EcgKind.LONG_TERM, holter,
                null));
        EcgFixtures.actAsSystem();
        fixtures.awaitAnalysed(id);

        HttpResponse<String> status = get(token, "/api/ecg/recordings/" + id);
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(status.body()).get("preAnalysis").get("holter");
        JsonNode af = summary.get("af");
        assertThat(af.get("count").asInt()).isEqualTo(1);
        assertThat(af.get("percent").asDouble()).isBetween(35.0, 40.0);
        JsonNode episode = af.get("longest").get(0);
        assertThat(episode.get("atSeconds").asDouble()).isBetween(145.0, 155.0);
        assertThat(episode.get("seconds").asDouble()).isBetween(85.0, 95.0);
        assertThat(episode.get("meanRateBpm").asDouble()).isBetween(100.0, 120.0);
        assertThat(episode.get("maxRateBpm").asDouble()).isGreaterThanOrEqualTo(episode.get("meanRateBpm").asDouble());
        // the one segment's rhythm times: AF's from the episode, the rest of the segment with the segment's rhythm
        double rhythmPercent = 0;
        for (JsonNode time : summary.get("rhythmTimes")) {
            rhythmPercent += time.get("percent").asDouble();
            if (time.get("rhythm").asString().equals("ATRIAL_FIBRILLATION")) {
                assertThat(time.get("percent").asDouble()).isEqualTo(af.get("percent").asDouble());
            }
        }
        assertThat(rhythmPercent).isBetween(99.9, 100.1);
        // four minutes: one period of 10 minutes, its slowest minute at about 70/min and its fastest at about 110/min
        JsonNode trend = summary.get("rateTrend");
        assertThat(trend).hasSize(1);
        assertThat(trend.get(0).get("atSeconds").asLong()).isZero();
        assertThat(trend.get(0).get("seconds").asLong()).isEqualTo(600);
        assertThat(trend.get(0).get("minBpm").asDouble()).isBetween(66.0, 74.0);
        assertThat(trend.get(0).get("maxBpm").asDouble()).isBetween(95.0, 120.0);
    }

    /** A 12-lead WFDB record at 500 Hz (format 16: 12 kB a second) written by the project's writer. */
    static List<EcgFile> wfdb(String name, double heartRate, long seed, double seconds) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, seconds, heartRate)
                .withLeads(EcgFixtures.TWELVE_LEADS).withGaussianNoise(10), seed);
        return EcgFiles.write(EcgSourceFormat.WFDB, ecg.recording(), Optional.of(Instant.now().minusSeconds(120)),
                name, ZoneOffset.ofHours(8));
    }

    @Test
    void chunkedUploadWithDroppedDuplicatedAndOutOfOrderChunksResumesAndCompletes() throws Exception {
        List<EcgFile> files = wfdb("rec-resume", 72, 11, 30);
        EcgFile header = file(files, ".hea");
        EcgFile dat = file(files, ".dat");
        assertThat(dat.content().length).isGreaterThan(5 * CHUNK);

        HttpResponse<String> opened = openUpload(token, "resume-" + UUID.randomUUID(), resident, files, true);
        assertThat(opened.statusCode()).isEqualTo(201);
        JsonNode upload = JSON.readTree(opened.body());
        String id = upload.get("id").asString();
        assertThat(opened.headers().firstValue("Location")).hasValue("/api/ecg/uploads/" + id);

        assertThat(put(token, id, header, 0, header.content().length).statusCode()).isEqualTo(204);
        List<long[]> chunks = new ArrayList<>();
        for (long from = 0; from < dat.content().length; from += CHUNK) {
            chunks.add(new long[] {from, Math.min(from + CHUNK, dat.content().length)});
        }
        long[] dropped = chunks.get(3);
        List<long[]> sent = new ArrayList<>(chunks);
        sent.remove(dropped);
        java.util.Collections.reverse(sent); // out of order
        sent.add(chunks.get(1)); // a duplicate (a retry whose answer was lost)
        for (long[] c : sent) {
            assertThat(put(token, id, dat, c[0], c[1]).statusCode()).isEqualTo(204);
        }

        JsonNode state = JSON.readTree(get(token, "/api/ecg/uploads/" + id).body());
        JsonNode datState = fileState(state, dat.name());
        assertThat(datState.get("complete").asBoolean()).isFalse();
        assertThat(datState.get("received").toString())
                .isEqualTo("[[0," + (dropped[0] - 1) + "],[" + dropped[1] + "," + (dat.content().length - 1) + "]]");

        HttpResponse<String> early = post(token, "/api/ecg/uploads/" + id + "/complete", "en");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).get("code").asString()).isEqualTo("UPLOAD_INCOMPLETE");

        assertThat(put(token, id, dat, dropped[0], dropped[1]).statusCode()).isEqualTo(204);
        HttpResponse<String> completed = post(token, "/api/ecg/uploads/" + id + "/complete", null);
        assertThat(completed.statusCode()).isEqualTo(201);
        long recordingId = JSON.readTree(completed.body()).get("recordingId").asLong();

        HttpResponse<String> again = post(token, "/api/ecg/uploads/" + id + "/complete", null);
        assertThat(again.statusCode()).as("a retried complete stores nothing new").isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("recordingId").asLong()).isEqualTo(recordingId);
        assertThat(jdbc.sql("select count(*) from ecg.upload_chunk where upload_id = cast(:id as uuid)").param("id", id)
                .query(Long.class).single()).as("chunks are dropped once stored").isZero();
        byte[] storedDat = jdbc.sql("""
                        select string_agg(bytes, ''::bytea order by start_offset) from ecg.recording_file_part
                        where recording_id = :r and name = :n""")
                .param("r", recordingId).param("n", dat.name()).query(byte[].class).single();
        assertThat(storedDat).as("stored byte for byte").isEqualTo(dat.content());

        fixtures.awaitAnalysed(recordingId);
        HttpResponse<String> status = get(token, "/api/ecg/recordings/" + recordingId);
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode recording = JSON.readTree(status.body());
        assertThat(recording.get("status").asString()).isEqualTo("ANALYSED");
        assertThat(recording.get("sourceFormat").asString()).isEqualTo("WFDB");
        assertThat(recording.get("indication").asString()).isEqualTo("胸痛");
        assertThat(recording.get("preAnalysis").get("rhythm").asString()).isEqualTo("SINUS_RHYTHM");
        assertThat(recording.get("preAnalysis").get("rhythmText").asString()).isEqualTo("窦性心律");
        assertThat(recording.get("preAnalysis").get("critical").asBoolean()).isFalse();
        assertThat(recording.get("preAnalysis").get("heartRateBpm").asDouble()).isBetween(69.0, 75.0);
        assertThat(recording.has("report")).as("the worklist fills the report").isTrue();
    }

    @Test
    void acceptsATwoHourTwelveLeadRecordingInBoundedMemory() throws Exception {
        // 2 h × 12 leads × 500 Hz = 43.2 M samples, format 212: 64.8 MB. Decoded block by block from the upload's
        // chunks into the sample blocks, the .dat copied as parts inside the database (the 24 h run and peak heap
        // figures: EcgIntakeBenchmark, docs/benchmarks.md)
        SyntheticHolter holter = SyntheticHolter.of("holter2h", 12, 500, 2);
        EcgFile header = new EcgFile("holter2h.hea", holter.header());
        EcgFile dat = new EcgFile(holter.datName(), holter.dat().readAllBytes());
        assertThat((long) dat.content().length).isEqualTo(holter.datBytes());
        List<EcgFile> files = List.of(header, dat);
        String id = JSON.readTree(openUpload(token, "holter-" + UUID.randomUUID(), resident, files, true).body())
                .get("id").asString();
        assertThat(put(token, id, header, 0, header.content().length).statusCode()).isEqualTo(204);
        int chunk = 4 << 20;
        for (long from = 0; from < dat.content().length; from += chunk) {
            assertThat(put(token, id, dat, from, Math.min(from + chunk, dat.content().length)).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> completed = post(token, "/api/ecg/uploads/" + id + "/complete", null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        long recordingId = JSON.readTree(completed.body()).get("recordingId").asLong();

        assertThat(jdbc.sql("select sample_count from ecg.recording where id = :id").param("id", recordingId)
                .query(Long.class).single()).isEqualTo(holter.samplesPerLead());
        assertThat(count("ecg.sample_block where recording_id = " + recordingId)).isEqualTo(720); // 10 s blocks
        // the original .dat byte for byte, kept as parts (never assembled on a node)
        Map<String, Object> stored = jdbc.sql("""
                        select f.content is null parted, f.size, encode(f.sha256, 'hex') sha,
                            (select encode(sha256(string_agg(p.bytes, ''::bytea order by p.start_offset)), 'hex')
                               from ecg.recording_file_part p where p.recording_id = f.recording_id and p.name = f.name) parts
                        from ecg.recording_file f where f.recording_id = :r and f.name = :n""")
                .param("r", recordingId).param("n", dat.name()).query().singleRow();
        assertThat(stored.get("parted")).isEqualTo(true);
        assertThat(((Number) stored.get("size")).longValue()).isEqualTo(dat.content().length);
        assertThat(stored.get("sha")).isEqualTo(sha256(dat.content()));
        assertThat(stored.get("parts")).isEqualTo(sha256(dat.content()));

        // lossless: windows at the start, across a block boundary and at the very end equal the generator's values
        fixtures.actAs(fixtures.staff("ecg-intake-holter", fixtures.townshipCentre(),
                org.yiwang.platform.security.Role.DOCTOR));
        try {
            for (long from : new long[] {0, 5000 * 360 - 700, holter.samplesPerLead() - 1500}) {
                EcgSignalWindow window = recordings.signal(recordingId, from, 1500);
                for (int lead = 0; lead < 12; lead++) {
                    int[] expected = new int[window.microvolts()[lead].length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = holter.microvolts(lead, from + i);
                    }
                    assertThat(window.microvolts()[lead]).as("lead %d from %d", lead, from).isEqualTo(expected);
                }
            }
        } finally {
            EcgFixtures.actAsSystem();
        }
        // the clinic downloads the original, written part by part
        org.yiwang.testing.WebSession web = new org.yiwang.testing.WebSession(port);
        web.login("ecg-intake-holter", org.yiwang.platform.demo.DemoMode.DEMO_PASSWORD);
        HttpResponse<byte[]> download = web.getBytes("/ecg/recordings/" + recordingId + "/files/" + dat.name());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(dat.content().length);
        assertThat(sha256(download.body())).isEqualTo(sha256(dat.content()));
    }

    @Test
    void openingTwiceWithTheSameKeyReturnsTheSameUploadAndOtherFilesAreAConflict() throws Exception {
        List<EcgFile> files = wfdb("rec-idem", 66, 12, 10);
        String key = "idem-" + UUID.randomUUID();
        HttpResponse<String> first = openUpload(token, key, resident, files, false);
        HttpResponse<String> retry = openUpload(token, key, resident, files, false);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("id").asString()).isEqualTo(JSON.readTree(first.body()).get("id").asString());

        HttpResponse<String> other = openUpload(token, key, resident, wfdb("rec-other", 80, 13, 12), false);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(other.body()).get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        HttpResponse<String> noKey = openUpload(token, null, resident, files, false);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noKey.body()).get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
    }

    @Test
    void malformedWfdbIsRefusedNamingTheProblemAndNothingIsStored() throws Exception {
        List<EcgFile> files = wfdb("rec-bad", 70, 14, 10);
        EcgFile header = file(files, ".hea");
        EcgFile dat = file(files, ".dat");
        EcgFile truncated = new EcgFile(dat.name(), Arrays.copyOf(dat.content(), dat.content().length / 2));
        List<EcgFile> bad = List.of(header, truncated);
        long recordingsBefore = count("ecg.recording");
        long filesBefore = count("ecg.recording_file");
        long blocksBefore = count("ecg.sample_block");

        String id = JSON.readTree(openUpload(token, "bad-" + UUID.randomUUID(), resident, bad, false).body())
                .get("id").asString();
        put(token, id, header, 0, header.content().length);
        for (long from = 0; from < truncated.content().length; from += CHUNK) {
            put(token, id, truncated, from, Math.min(from + CHUNK, truncated.content().length));
        }
        HttpResponse<String> chinese = post(token, "/api/ecg/uploads/" + id + "/complete", null);
        assertThat(chinese.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(chinese.body());
        assertThat(problem.get("code").asString()).isEqualTo("TRUNCATED_SIGNAL");
        assertThat(problem.get("detail").asString()).contains("rec-bad.dat").contains("不完整");
        HttpResponse<String> english = post(token, "/api/ecg/uploads/" + id + "/complete", "en");
        assertThat(JSON.readTree(english.body()).get("detail").asString()).contains("rec-bad.dat").doesNotContain("不完整");

        assertThat(count("ecg.recording")).isEqualTo(recordingsBefore);
        assertThat(count("ecg.recording_file")).isEqualTo(filesBefore);
        assertThat(count("ecg.sample_block")).isEqualTo(blocksBefore);
        JsonNode state = JSON.readTree(get(token, "/api/ecg/uploads/" + id).body());
        assertThat(state.get("status").asString()).as("the upload stays for another try").isEqualTo("OPEN");
        assertThat(fileState(state, dat.name()).get("complete").asBoolean()).isTrue();
    }

    @Test
    void aFileWhoseSha256DiffersIsRefused() throws Exception {
        List<EcgFile> files = wfdb("rec-sha", 70, 15, 10);
        EcgFile header = file(files, ".hea");
        EcgFile dat = file(files, ".dat");
        String body = metadata(resident, null, List.of(
                Map.of("name", header.name(), "size", header.content().length, "sha256", sha256(header.content())),
                Map.of("name", dat.name(), "size", dat.content().length, "sha256", sha256(new byte[] {1}))));
        String id = JSON.readTree(send(token, "POST", "/api/ecg/uploads", body, Map.of("Idempotency-Key",
                "sha-" + UUID.randomUUID(), "Content-Type", "application/json")).body()).get("id").asString();
        put(token, id, header, 0, header.content().length);
        for (long from = 0; from < dat.content().length; from += CHUNK) {
            put(token, id, dat, from, Math.min(from + CHUNK, dat.content().length));
        }
        HttpResponse<String> refused = post(token, "/api/ecg/uploads/" + id + "/complete", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("SHA256_MISMATCH");
    }

    @Test
    void unknownResidentIsA422NamingWhichIdentifierIsUnknown() throws Exception {
        List<EcgFile> files = wfdb("rec-who", 70, 16, 10);
        HttpResponse<String> byId = openUpload(token, "who-" + UUID.randomUUID(), 987_654_321L, files, false);
        assertThat(byId.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(byId.body());
        assertThat(problem.get("code").asString()).isEqualTo("UNKNOWN_RESIDENT");
        assertThat(problem.get("detail").asString()).contains("987654321");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("residentId");

        String unknownNumber = "11010519491231002X"; // valid check digit, not in the demo county
        HttpResponse<String> byNumber = send(token, "POST", "/api/ecg/uploads", metadata(null, unknownNumber,
                expected(files)), Map.of("Idempotency-Key", "who2-" + UUID.randomUUID(), "Content-Type", "application/json"));
        assertThat(byNumber.statusCode()).isEqualTo(422);
        JsonNode numberProblem = JSON.readTree(byNumber.body());
        assertThat(numberProblem.get("code").asString()).isIn("UNKNOWN_ID_NUMBER", "INVALID_ID_NUMBER");
        assertThat(numberProblem.get("errors").get(0).get("field").asString()).isEqualTo("idNumber");
        assertThat(byNumber.body()).as("never echoes the full number").doesNotContain(unknownNumber);
    }

    @Test
    void residentFoundByIdCardNumberThroughTheBlindIndex() throws Exception {
        var withNumber = jdbc.sql("""
                select d.resident_id, d.number_ciphertext from mpi.identity_document d
                join mpi.resident r on r.id = d.resident_id and r.voided_at is null and r.merged_into_id is null
                where d.type = 'RESIDENT_ID' and d.voided_at is null order by d.resident_id limit 1""")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getBytes(2))).single();
        String number = encryption.decrypt(withNumber.getValue(), "mpi.resident.id_number");
        List<EcgFile> files = wfdb("rec-idno", 70, 17, 10);
        HttpResponse<String> opened = send(token, "POST", "/api/ecg/uploads", metadata(null, number, expected(files)),
                Map.of("Idempotency-Key", "idno-" + UUID.randomUUID(), "Content-Type", "application/json"));
        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(opened.body()).get("residentId").asLong()).isEqualTo(withNumber.getKey());
    }

    @Test
    void anotherOrganisationsTokenIsRefused() throws Exception {
        List<EcgFile> files = wfdb("rec-org", 70, 18, 10);
        EcgFile header = file(files, ".hea");
        String id = JSON.readTree(openUpload(token, "org-" + UUID.randomUUID(), resident, files, false).body())
                .get("id").asString();
        assertThat(get(otherToken, "/api/ecg/uploads/" + id).statusCode()).isEqualTo(403);
        assertThat(put(otherToken, id, header, 0, header.content().length).statusCode()).isEqualTo(403);
        assertThat(post(otherToken, "/api/ecg/uploads/" + id + "/complete", null).statusCode()).isEqualTo(403);
        assertThat(get("yw_not_a_token", "/api/ecg/uploads/" + id).statusCode()).isEqualTo(401);
        assertThat(count("ecg.upload_chunk where upload_id = '" + id + "'")).isZero();
    }

    @Test
    void tooLargeUploadsAndChunksAre413AndInconsistentRangesAre416Or409() throws Exception {
        List<EcgFile> files = wfdb("rec-big", 70, 19, 10);
        EcgFile header = file(files, ".hea");
        HttpResponse<String> huge = send(token, "POST", "/api/ecg/uploads", metadata(resident, null,
                List.of(Map.of("name", "huge.hea", "size", 100), Map.of("name", "huge.dat", "size", 2L << 30))),
                Map.of("Idempotency-Key", "big-" + UUID.randomUUID(), "Content-Type", "application/json"));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).get("code").asString()).isEqualTo("UPLOAD_TOO_LARGE");

        String id = JSON.readTree(openUpload(token, "rng-" + UUID.randomUUID(), resident, files, false).body())
                .get("id").asString();
        int length = header.content().length;
        HttpResponse<String> bigChunk = sendBytes(token, "PUT", "/api/ecg/uploads/" + id + "/files/" + header.name(),
                new byte[5 << 20], "bytes 0-" + ((5 << 20) - 1) + "/" + length);
        assertThat(bigChunk.statusCode()).isEqualTo(413);
        HttpResponse<String> beyond = sendBytes(token, "PUT", "/api/ecg/uploads/" + id + "/files/" + header.name(),
                new byte[10], "bytes " + length + "-" + (length + 9) + "/" + length);
        assertThat(beyond.statusCode()).isEqualTo(416);
        HttpResponse<String> otherTotal = sendBytes(token, "PUT", "/api/ecg/uploads/" + id + "/files/" + header.name(),
                header.content(), "bytes 0-" + (length - 1) + "/" + (length + 1));
        assertThat(otherTotal.statusCode()).isEqualTo(409);
        assertThat(put(token, id, header, 0, length).statusCode()).isEqualTo(204);
        byte[] changed = header.content().clone();
        changed[0] ^= 1;
        HttpResponse<String> conflicting = sendBytes(token, "PUT", "/api/ecg/uploads/" + id + "/files/" + header.name(),
                changed, "bytes 0-" + (length - 1) + "/" + length);
        assertThat(conflicting.statusCode()).as("same range, other bytes").isEqualTo(409);
        assertThat(JSON.readTree(conflicting.body()).get("code").asString()).isEqualTo("CHUNK_CONFLICT");
    }

    @Test
    void oneShotUploadStoresASmallRestingEcgAndARetryReturnsTheSameRecording() throws Exception {
        List<EcgFile> files = wfdb("rec-oneshot", 75, 20, 10);
        String key = "oneshot-" + UUID.randomUUID();
        HttpResponse<String> first = multipart(token, key, files);
        assertThat(first.statusCode()).isEqualTo(201);
        long id = JSON.readTree(first.body()).get("recordingId").asLong();
        HttpResponse<String> retry = multipart(token, key, files);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("recordingId").asLong()).isEqualTo(id);
        assertThat(get(token, "/api/ecg/recordings/" + id).statusCode()).isEqualTo(200);
        assertThat(get(otherToken, "/api/ecg/recordings/" + id).statusCode())
                .as("another clinic without a care relationship").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from ecg.recording where organisation_id = :o and idempotency_key = :k")
                .param("o", fixtures.townshipCentre()).param("k", key).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aecgFhirAndCsvFilesAreStoredLosslesslyAndPreAnalysedLikeWfdb() throws Exception {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 66)
                .withLeads(EcgFixtures.TWELVE_LEADS).withGaussianNoise(10), 23);
        for (EcgSourceFormat format : List.of(EcgSourceFormat.HL7_AECG, EcgSourceFormat.FHIR_SAMPLED_DATA,
                EcgSourceFormat.CSV)) {
            List<EcgFile> files = EcgFiles.write(format, ecg.recording(), Optional.of(Instant.now().minusSeconds(90)),
                    "rec-" + format, ZoneOffset.ofHours(8));
            HttpResponse<String> stored = multipart(token, "format-" + format + "-" + UUID.randomUUID(), files);
            assertThat(stored.statusCode()).as(format + ": " + stored.body()).isEqualTo(201);
            long id = JSON.readTree(stored.body()).get("recordingId").asLong();
            fixtures.awaitAnalysed(id);

            assertThat(jdbc.sql("select source_format || ' ' || (analysis ->> 'rhythm') from ecg.recording where id = :id")
                    .param("id", id).query(String.class).single()).isEqualTo(format.name() + " SINUS_RHYTHM");
            EcgSignalWindow window = recordings.signal(id, 0, 5000);
            for (int lead = 0; lead < 12; lead++) {
                assertThat(window.microvolts()[lead]).as(format + " lead " + lead)
                        .isEqualTo(ecg.recording().leadMicrovolts(lead));
            }
            assertThat(jdbc.sql("select count(*) from ecg.recording_file where recording_id = :id").param("id", id)
                    .query(Long.class).single()).isEqualTo(files.size());
        }
    }

    @Test
    void expiredUploadsArePurgedWithTheirChunks() throws Exception {
        List<EcgFile> files = wfdb("rec-old", 70, 21, 10);
        EcgFile header = file(files, ".hea");
        String id = JSON.readTree(openUpload(token, "old-" + UUID.randomUUID(), resident, files, false).body())
                .get("id").asString();
        put(token, id, header, 0, header.content().length);
        jdbc.sql("update ecg.upload set expires_at = now() - interval '1 minute' where id = cast(:id as uuid)")
                .param("id", id).update();
        fixtures.actAs(fixtures.staff("ecg-intake-purge", fixtures.townshipCentre(),
                org.yiwang.platform.security.Role.DOCTOR));
        try {
            assertThat(uploads.purgeExpired(500)).isGreaterThanOrEqualTo(1);
        } finally {
            EcgFixtures.actAsSystem();
        }
        assertThat(count("ecg.upload where id = '" + id + "'")).isZero();
        assertThat(count("ecg.upload_chunk where upload_id = '" + id + "'")).isZero();
        assertThat(get(token, "/api/ecg/uploads/" + id).statusCode()).isEqualTo(404);
    }

    // --- helpers

    private long count(String tableAndCondition) {
        return jdbc.sql("select count(*) from " + tableAndCondition).query(Long.class).single();
    }

    static EcgFile file(List<EcgFile> files, String suffix) {
        return files.stream().filter(f -> f.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static JsonNode fileState(JsonNode upload, String name) {
        for (JsonNode f : upload.get("files")) {
            if (f.get("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no file " + name);
    }

    private static List<Map<String, Object>> expected(List<EcgFile> files) {
        return files.stream().map(f -> Map.<String, Object>of("name", f.name(), "size", f.content().length)).toList();
    }

    private static String metadata(Long residentId, String idNumber, List<? extends Map<String, ?>> files) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("residentId", residentId);
        m.put("idNumber", idNumber);
        m.put("kind", "RESTING_12_LEAD");
        m.put("indication", "胸痛");
        m.put("files", files);
        return JSON.writeValueAsString(m);
    }

    private HttpResponse<String> openUpload(String bearer, String key, long residentId, List<EcgFile> files,
                                            boolean withSha) {
        List<Map<String, Object>> expected = files.stream().map(f -> withSha
                ? Map.<String, Object>of("name", f.name(), "size", f.content().length, "sha256", sha256(f.content()))
                : Map.<String, Object>of("name", f.name(), "size", f.content().length)).toList();
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return send(bearer, "POST", "/api/ecg/uploads", metadata(residentId, null, expected), headers);
    }

    private HttpResponse<String> put(String bearer, String id, EcgFile file, long from, long to) {
        return sendBytes(bearer, "PUT", "/api/ecg/uploads/" + id + "/files/" + file.name(),
                Arrays.copyOfRange(file.content(), (int) from, (int) to),
                "bytes " + from + "-" + (to - 1) + "/" + file.content().length);
    }

    private HttpResponse<String> get(String bearer, String path) {
        return send(bearer, "GET", path, null, Map.of());
    }

    private HttpResponse<String> post(String bearer, String path, String language) {
        return send(bearer, "POST", path, "", language == null ? Map.of() : Map.of("Accept-Language", language));
    }

    private HttpResponse<String> send(String bearer, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private HttpResponse<String> sendBytes(String bearer, String method, String path, byte[] body, String range) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", range)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> multipart(String bearer, String key, List<EcgFile> files) throws IOException {
        String boundary = "----yiwang" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String meta = metadata(resident, null, List.of());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + meta + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (EcgFile f : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.name()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(f.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ecg/recordings"))
                .header("Authorization", "Bearer " + bearer)
                .header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
