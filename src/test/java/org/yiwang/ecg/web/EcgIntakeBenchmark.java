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
import org.yiwang.ecg.format.SyntheticHolter;
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
 * {@link #measuresMemoryOfLongRecordingIntake} adds the heap and time of 24 h Holter records (2 × 360 Hz, 12 × 500 Hz).
 * A measurement, not part of the test suite (its name is outside the failsafe includes); run it with
 * {@code ./mvnw -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EcgIntakeBenchmark}.
 */
@IntegrationTest
class EcgIntakeBenchmark {

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
    void measuresUploadToPreAnalysisThroughTheApi() throws Exception {
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
    }

    /**
     * Long recordings: (1) the heap one node needs to decode and block-encode a 24 h Holter, as the smallest
     * {@code -Xmx} (of a ladder) under which {@link org.yiwang.ecg.IntakeMemoryProbe} finishes in a JVM of its own,
     * streamed versus whole-record decoding; (2) the 24 h records through the API of the running server (open, 4 MB
     * chunks, complete), timed. Files are generated by {@link SyntheticHolter} into a temporary directory.
     */
    @Test
    void measuresMemoryOfLongRecordingIntake() throws Exception {
        Path dir = Files.createTempDirectory("ecg-holter");
        StringBuilder report = new StringBuilder("ECG intake of 24 h WFDB 212 Holter records (synthetic, "
                + "SyntheticHolter)\n");
        try {
            SyntheticHolter twoLead = SyntheticHolter.of("h24x2", 2, 360, 24);
            SyntheticHolter twelveLead = SyntheticHolter.of("h24x12", 12, 500, 24);
            for (SyntheticHolter h : List.of(twoLead, twelveLead)) {
                Files.write(dir.resolve(h.name() + ".hea"), h.header());
                try (var in = h.dat(); var out = Files.newOutputStream(dir.resolve(h.datName()))) {
                    in.transferTo(out);
                }
            }
            int[] ladder = {16, 24, 32, 48, 64, 96, 128, 256, 512, 768, 1024, 1536, 2048, 3072, 4096};
            for (SyntheticHolter h : List.of(twoLead, twelveLead)) {
                for (String mode : List.of("stream", "memory")) {
                    String line = null;
                    for (int mb : ladder) {
                        ProcessResult r = probe(mode, dir, h.name(), mb);
                        if (r.exit() == 0 || r.exit() == 4) {
                            line = String.format(Locale.ROOT, "%s %d leads × %d Hz × 24 h (%d samples, %d bytes): %s "
                                    + "decoding fits -Xmx%dm (not -Xmx%dm): %s", h.name(), h.leads(),
                                    h.samplingRateHz(), h.samplesPerLead() * h.leads(), h.datBytes(), mode, mb,
                                    previous(ladder, mb), r.output().strip());
                            break;
                        }
                    }
                    report.append(line == null ? h.name() + " " + mode + ": no fit up to -Xmx4096m" : line).append('\n');
                    System.out.println(line);
                }
            }
            EcgFixtures fixtures = new EcgFixtures(jdbc, accounts, users);
            String token = apiClients.issue(fixtures.townshipCentre(), "城关镇卫生院 Holter (benchmark)", "test").token();
            long resident = fixtures.freshResident();
            for (SyntheticHolter h : List.of(twoLead, twelveLead)) {
                long started = System.nanoTime();
                Runtime rt = Runtime.getRuntime();
                String line = String.format(Locale.ROOT, "%s through the API (4 MB chunks, complete = decode + store): "
                        + "%.1f s to stored, server JVM -Xmx %d MB", h.name(), storeThroughApi(token, resident, dir, h)
                        / 1e3, rt.maxMemory() >> 20);
                report.append(line).append('\n');
                System.out.println(line + " (total " + (System.nanoTime() - started) / 1_000_000 + " ms)");
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
            Path out = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(".");
            Files.writeString(out.resolve("ecg-intake-memory-benchmark.txt"), report);
            System.out.println(report);
        }
    }

    private static int previous(int[] ladder, int mb) {
        int before = 0;
        for (int m : ladder) {
            if (m == mb) {
                return before;
            }
            before = m;
        }
        return before;
    }

    record ProcessResult(int exit, String output) {
    }

    private static ProcessResult probe(String mode, Path dir, String record, int heapMb) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.yiwang.ecg.IntakeMemoryProbe", mode, dir.toString(), record)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String last = output.lines().filter(l -> l.startsWith("ok") || l.startsWith("oom") || l.startsWith("refused"))
                .reduce((a, b) -> b).orElse(output.lines().reduce((a, b) -> b).orElse(""));
        return new ProcessResult(exit, last);
    }

    /** Open, 4 MB chunks read from the file, complete; milliseconds until the recording is stored. */
    private double storeThroughApi(String token, long resident, Path dir, SyntheticHolter h) throws Exception {
        long started = System.nanoTime();
        Path hea = dir.resolve(h.name() + ".hea");
        Path dat = dir.resolve(h.datName());
        List<Path> files = List.of(hea, dat);
        Map<String, Object> metadata = Map.of("residentId", resident, "kind", "LONG_TERM", "indication", "心悸",
                "files", files.stream().map(f -> Map.of("name", f.getFileName().toString(), "size", size(f))).toList());
        HttpResponse<String> opened = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(metadata))).build());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String id = JSON.readTree(opened.body()).get("id").asString();
        int chunk = 4 << 20;
        byte[] buffer = new byte[chunk];
        for (Path f : files) {
            long length = size(f);
            try (var in = Files.newInputStream(f)) {
                for (long from = 0; from < length; from += chunk) {
                    int n = in.readNBytes(buffer, 0, (int) Math.min(chunk, length - from));
                    HttpResponse<String> put = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads/" + id + "/files/"
                                    + f.getFileName()))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Range", "bytes " + from + "-" + (from + n - 1) + "/" + length)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n)).build());
                    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
                }
            }
        }
        long completing = System.nanoTime();
        HttpResponse<String> completed = exchange(HttpRequest.newBuilder(uri("/api/ecg/uploads/" + id + "/complete"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        System.out.printf(Locale.ROOT, "%s: chunks sent in %.1f s, complete took %.1f s%n", h.name(),
                (completing - started) / 1e9, (System.nanoTime() - completing) / 1e9);
        return (System.nanoTime() - started) / 1e6;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
