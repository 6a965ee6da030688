package org.yiwang.ecg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.ecg.format.EcgFiles;
import org.yiwang.ecg.format.EcgSourceFormat;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.internal.ApiClients;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake speed through the HTTP API of the running test server, as a device gateway sees it: open, chunks of 256 kB,
 * complete (decode + store), then polling the status until the pre-analysis is stored. A 10 s resting 12-lead
 * (median of 20) and a 1 h 2-lead 360 Hz WFDB record. Figures go to stdout and target/ecg-intake-benchmark.txt.
 */
@IntegrationTest
class EcgIntakeBenchmarkIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 256 * 1024;

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

    private final HttpClient http = HttpClient.newHttpClient();

    record Timing(double storedMs, double analysedMs, int chunks, long bytes) {
    }

    @Test
    void restingTwelveLeadIsAnalysedWithinSecondsAndAnHourLongRecordWithinTwoMinutes() throws Exception {
        EcgFixtures fixtures = new EcgFixtures(jdbc, accounts, users);
        String token = apiClients.issue(fixtures.townshipCentre(), "城关镇卫生院 心电网关 (benchmark)", "test").token();
        long resident = fixtures.freshResident();

        for (int warm = 0; warm < 3; warm++) {
            run(token, resident, twelveLead(100 + warm), "RESTING_12_LEAD");
        }
        List<Timing> resting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            resting.add(run(token, resident, twelveLead(i), "RESTING_12_LEAD"));
        }
        List<EcgFile> hour = EcgFiles.write(EcgSourceFormat.WFDB, SyntheticEcg.generate(
                SyntheticEcgSpec.sinus(360, 3600, 68).withLeads(List.of("MLII", "V5")).withGaussianNoise(10), 7)
                .recording(), Optional.of(Instant.now().minusSeconds(7200)), "holter-1h", ZoneOffset.ofHours(8));
        Timing long1h = run(token, resident, hour, "LONG_TERM");

        double storedMedian = median(resting.stream().mapToDouble(Timing::storedMs).toArray());
        double analysedMedian = median(resting.stream().mapToDouble(Timing::analysedMs).toArray());
        double analysedMax = resting.stream().mapToDouble(Timing::analysedMs).max().orElseThrow();
        String report = String.format(Locale.ROOT, """
                ECG intake through the API (HTTP on 127.0.0.1, open + 256 kB chunks + complete, then status polled every 20 ms)
                10 s 12-lead 500 Hz WFDB (%d bytes, %d chunks): median stored %.0f ms, median pre-analysed %.0f ms, max pre-analysed %.0f ms (n=20, after 3 warm-up uploads)
                1 h 2-lead 360 Hz WFDB (%d bytes, %d chunks): stored %.0f ms, pre-analysed %.0f ms
                """, resting.getFirst().bytes(), resting.getFirst().chunks(), storedMedian, analysedMedian, analysedMax,
                long1h.bytes(), long1h.chunks(), long1h.storedMs(), long1h.analysedMs());
        System.out.println(report);
        Path out = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(".");
        Files.writeString(out.resolve("ecg-intake-benchmark.txt"), report);

        assertThat(analysedMedian).as("a resting ECG is pre-analysed within seconds of its upload").isLessThan(5_000);
        assertThat(long1h.analysedMs()).as("an hour-long recording within two minutes").isLessThan(120_000);
    }

    private static List<EcgFile> twelveLead(long seed) {
        return EcgFiles.write(EcgSourceFormat.WFDB, SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 60 + seed % 40)
                        .withLeads(EcgFixtures.TWELVE_LEADS).withGaussianNoise(10), seed).recording(),
                Optional.of(Instant.now().minusSeconds(60)), "rest-" + seed, ZoneOffset.ofHours(8));
    }

    private Timing run(String token, long resident, List<EcgFile> files, String kind) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> metadata = Map.of("residentId", resident, "kind", kind, "indication", "胸痛",
                "files", files.stream().map(f -> Map.of("name", f.name(), "size", f.content().length)).toList());
        HttpResponse<String> opened = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(metadata))).build());
        assertThat(opened.statusCode()).isEqualTo(201);
        String id = JSON.readTree(opened.body()).get("id").asString();
        int chunks = 0;
        long bytes = 0;
        for (EcgFile f : files) {
            byte[] content = f.content();
            bytes += content.length;
            for (int from = 0; from < content.length; from += CHUNK) {
                int to = Math.min(content.length, from + CHUNK);
                HttpResponse<String> put = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads/" + id + "/files/" + f.name()))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + content.length)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(content, from, to))).build());
                assertThat(put.statusCode()).isEqualTo(204);
                chunks++;
            }
        }
        HttpResponse<String> completed = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads/" + id + "/complete"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(completed.statusCode()).isEqualTo(201);
        double storedMs = (System.nanoTime() - started) / 1e6;
        long recording = JSON.readTree(completed.body()).get("recordingId").asLong();
        while (true) {
            JsonNode status = JSON.readTree(exchange(HttpRequest.newBuilder(uri("/api/ecg/recordings/" + recording))
                    .header("Authorization", "Bearer " + token).GET().build()).body());
            if (status.get("status").asString().equals("ANALYSED")) {
                break;
            }
            assertThat((System.nanoTime() - started) / 1e9).as("pre-analysed in time").isLessThan(300);
            Thread.sleep(20);
        }
        return new Timing(storedMs, (System.nanoTime() - started) / 1e6, chunks, bytes);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
