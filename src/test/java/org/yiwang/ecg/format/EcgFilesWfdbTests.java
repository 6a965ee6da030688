package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WFDB through the intake entry point {@link EcgFiles#read}: what is accepted and how broken uploads are named. */
class EcgFilesWfdbTests {

    private static final Instant ACQUIRED = Instant.parse("2026-03-01T02:03:04Z");

    private static EcgRecording strip() {
        return SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 10, 75).withLeads(List.of("MLII", "V1")), 5)
                .recording();
    }

    private static Map<String, byte[]> files212(EcgRecording recording) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        WfdbWriter.encode(WfdbRecord.fromRecording(recording, "r", WfdbSignalFormat.FORMAT_212, 200), files);
        return files;
    }

    private static List<EcgFile> upload(Map<String, byte[]> files) {
        List<EcgFile> out = new ArrayList<>();
        files.forEach((name, bytes) -> out.add(new EcgFile(name, bytes)));
        return out;
    }

    private static EcgFormatProblem problemOf(List<EcgFile> files) {
        try {
            EcgFiles.read(files, EcgFileLimits.DEFAULT);
        } catch (EcgFormatException e) {
            return e.problem();
        }
        throw new AssertionError("no EcgFormatException");
    }

    @Test
    void readsFormat212WithAnnotationsBaseTimeAndComments() throws EcgFormatException {
        EcgRecording recording = strip();
        List<EcgFile> files = new ArrayList<>(EcgFiles.write(EcgSourceFormat.WFDB, recording,
                Optional.of(ACQUIRED), "r", ZoneOffset.ofHours(8)));
        List<Annotation> beats = List.of(Annotation.of(100, 'N'), Annotation.of(400, 'V'));
        files.add(new EcgFile("r.atr", MitAnnotations.encode(beats)));

        DecodedEcg decoded = EcgFiles.read(files, EcgFileLimits.DEFAULT);

        assertThat(decoded.format()).isEqualTo(EcgSourceFormat.WFDB);
        assertThat(decoded.recording().leadNames()).containsExactly("MLII", "V1");
        assertThat(decoded.recording().samplingRateHz()).isEqualTo(360);
        assertThat(decoded.acquiredAt()).contains(ACQUIRED);
        assertThat(decoded.annotations()).isEqualTo(beats);
        assertThat(decoded.sourceFiles()).containsExactly("r.hea", "r.dat", "r.atr");
        assertThat(new String(files.get(0).content(), StandardCharsets.ISO_8859_1))
                .startsWith("r 2 360 3600 10:03:04 01/03/2026\n");
    }

    @Test
    void readsTheHeaderCommentsAsHintAndLocalBaseTimeInTheGivenZone() throws EcgFormatException {
        Map<String, byte[]> files = files212(strip());
        String header = new String(files.get("r.hea"), StandardCharsets.ISO_8859_1).replaceFirst("3600",
                "3600 23:59:58.5 31/12/2025") + "# device SE-1200 serial 42\n";
        files.put("r.hea", header.getBytes(StandardCharsets.ISO_8859_1));

        DecodedEcg decoded = EcgFiles.read(upload(files), EcgFileLimits.DEFAULT, ZoneOffset.UTC);

        assertThat(decoded.acquiredAt()).contains(Instant.parse("2025-12-31T23:59:58.500Z"));
        assertThat(decoded.deviceOrPatientHint()).contains("device SE-1200 serial 42");
    }

    @Test
    void pathAndMemoryReadsGiveTheSameRecord() throws Exception {
        Map<String, byte[]> files = files212(strip());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("wfdb");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                java.nio.file.Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            WfdbRecord fromPath = WfdbReader.read(dir.resolve("r.hea"));
            WfdbRecord fromMemory = WfdbReader.read("r.hea", files.get("r.hea"), files,
                    WfdbReader.Checks.INITIAL_VALUE_AND_CHECKSUM, EcgFileLimits.DEFAULT);
            assertThat(fromMemory.header()).isEqualTo(fromPath.header());
            assertThat(fromMemory.digital()).isDeepEqualTo(fromPath.digital());
        } finally {
            try (var paths = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path p : paths.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void namesATruncatedSignalFileWithBytesExpectedAndPresent() {
        Map<String, byte[]> files = files212(strip());
        files.put("r.dat", java.util.Arrays.copyOf(files.get("r.dat"), 1000));

        assertThatThrownBy(() -> EcgFiles.read(upload(files), EcgFileLimits.DEFAULT))
                .isInstanceOfSatisfying(EcgFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.TRUNCATED_SIGNAL);
                    assertThat(e.arguments()).containsExactly("r.dat", "10800", "1000");
                });
    }

    @Test
    void namesTheSignalFileAHeaderNamesButThatWasNotUploaded() {
        Map<String, byte[]> files = files212(strip());
        files.remove("r.dat");

        assertThatThrownBy(() -> EcgFiles.read(upload(files), EcgFileLimits.DEFAULT))
                .isInstanceOfSatisfying(EcgFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.MISSING_SIGNAL_FILE);
                    assertThat(e.arguments()).containsExactly("r.hea", "r.dat");
                });
    }

    @Test
    void refusesWfdbFormat80WithLineAndFormat() {
        Map<String, byte[]> files = files212(strip());
        String header = new String(files.get("r.hea"), StandardCharsets.ISO_8859_1).replace("r.dat 212", "r.dat 80");
        files.put("r.hea", header.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> EcgFiles.read(upload(files), EcgFileLimits.DEFAULT))
                .isInstanceOfSatisfying(EcgFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.UNSUPPORTED_WFDB_FORMAT);
                    assertThat(e.arguments()).containsExactly("r.hea", "2", "80");
                });
    }

    @Test
    void detectsACorruptedSampleThroughTheChecksum() {
        Map<String, byte[]> files = files212(strip());
        files.get("r.dat")[3000] ^= 0x10;

        assertThat(problemOf(upload(files))).isEqualTo(EcgFormatProblem.CHECKSUM_MISMATCH);
    }

    @Test
    void detectsSignalFilesOfAnotherRecordThroughTheInitialValue() {
        Map<String, byte[]> files = files212(strip());
        Map<String, byte[]> other = files212(SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 10, 90)
                .withLeads(List.of("MLII", "V1")).withBaselineWander(300), 6).recording());
        files.put("r.dat", other.get("r.dat"));

        assertThat(problemOf(upload(files))).isIn(EcgFormatProblem.INITIAL_VALUE_MISMATCH,
                EcgFormatProblem.CHECKSUM_MISMATCH);
    }

    @Test
    void asksForTheHeaderWhenOnlySignalFilesAreUploaded() {
        Map<String, byte[]> files = files212(strip());
        files.remove("r.hea");

        assertThat(problemOf(upload(files))).isEqualTo(EcgFormatProblem.MISSING_HEADER);
    }

    @Test
    void refusesFilesThatAreNotPartOfTheRecordAndASecondHeader() {
        Map<String, byte[]> files = files212(strip());
        files.put("notes.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(upload(files))).isEqualTo(EcgFormatProblem.UNEXPECTED_FILES);

        files.remove("notes.txt");
        files.put("s.hea", files.get("r.hea"));
        assertThat(problemOf(upload(files))).isEqualTo(EcgFormatProblem.UNEXPECTED_FILES);
    }

    @Test
    void refusesAnUploadOverTheByteLimitBeforeReadingIt() {
        List<EcgFile> files = upload(files212(strip()));
        EcgFileLimits small = new EcgFileLimits(16, 1_000_000, 1_000_000, 5_000);
        long total = files.stream().mapToLong(f -> f.content().length).sum();

        assertThatThrownBy(() -> EcgFiles.read(files, small)).isInstanceOfSatisfying(EcgFormatException.class,
                e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.TOO_LARGE);
                    assertThat(e.arguments()).containsExactly(Long.toString(total), "5000");
                });
    }

    @Test
    void refusesAHeaderDeclaringAHugeRecordFromTheHeaderAloneBeforeAllocating() {
        // 2 signals x 2,000,000,000 samples: the header is checked against the limits before any sample array exists
        String header = "big 2 500 2000000000\nbig.dat 16 200 16 0 0 0 0 I\nbig.dat 16 200 16 0 0 0 0 II\n";
        List<EcgFile> files = List.of(new EcgFile("big.hea", header.getBytes(StandardCharsets.ISO_8859_1)),
                new EcgFile("big.dat", new byte[0]));

        assertThatThrownBy(() -> EcgFiles.read(files, EcgFileLimits.DEFAULT))
                .isInstanceOfSatisfying(EcgFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(EcgFormatProblem.TRUNCATED_SIGNAL));
        byte[] data = new byte[4 * 50_000];
        List<EcgFile> many = List.of(new EcgFile("big.hea", ("big 2 500\nbig.dat 16 200 16 0 0 0 0 I\n"
                + "big.dat 16 200 16 0 0 0 0 II\n").getBytes(StandardCharsets.ISO_8859_1)),
                new EcgFile("big.dat", data));
        assertThatThrownBy(() -> EcgFiles.read(many, new EcgFileLimits(16, 40_000, 1_000_000, 1 << 20)))
                .isInstanceOfSatisfying(EcgFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.TOO_MANY_SAMPLES);
                    assertThat(e.arguments()).containsExactly("big.hea", "50000", "40000");
                });
        assertThatThrownBy(() -> EcgFiles.read(many, new EcgFileLimits(1, 100_000, 1_000_000, 1 << 20)))
                .isInstanceOfSatisfying(EcgFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(EcgFormatProblem.TOO_MANY_LEADS));
    }

    @Test
    void namesAnUnrecognisedBinaryFileAndAnEmptyUpload() {
        assertThat(problemOf(List.of(new EcgFile("x.bin", new byte[] {1, 0, 2, 3})))).isEqualTo(
                EcgFormatProblem.UNRECOGNISED_FORMAT);
        assertThat(problemOf(List.of())).isEqualTo(EcgFormatProblem.UNRECOGNISED_FORMAT);
    }

    @Test
    void convertsLongRecordsToMicrovoltsExactlyAsTheFormulaIncludingOutOfRangeValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int[][] digital = new int[2][40_000];
        for (int i = 0; i < digital[0].length; i++) {
            digital[0][i] = random.nextInt(-2048, 2048);
            digital[1][i] = random.nextInt(-40_000, 40_000); // beyond format 212, as a record built in code may hold
        }
        WfdbSignal a = new WfdbSignal("x.dat", WfdbSignalFormat.FORMAT_212, 0, 200, 1024, "mV", 12, 1024, null, null,
                0, "MLII");
        WfdbSignal b = new WfdbSignal("x.dat", WfdbSignalFormat.FORMAT_212, 0, 1716, 6, "uV", 12, 0, null, null, 0,
                "V5");
        EcgRecording recording = new WfdbRecord(new WfdbHeader("x", 360, 40_000, List.of(a, b), List.of()), digital)
                .toRecording();

        for (int i = 0; i < digital[0].length; i++) {
            assertThat(recording.sampleMicrovolts(0, i)).isEqualTo((int) Math.round((digital[0][i] - 1024) * 5.0));
            assertThat(recording.sampleMicrovolts(1, i)).isEqualTo((int) Math.round((digital[1][i] - 6) / 1716.0));
        }
    }

    @Test
    void dropsDirectoryPartsOfUploadedFileNames() {
        assertThat(new EcgFile("C:\\ecg\\r.hea", new byte[0]).name()).isEqualTo("r.hea");
        assertThat(new EcgFile("a/b/r.dat", new byte[0]).name()).isEqualTo("r.dat");
    }
}
