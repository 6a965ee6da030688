package org.yiwang.ecg.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;

/** Block-by-block WFDB decoding: the same samples as the in-memory reader, in memory that does not grow with length. */
class WfdbBlockReaderTests {

    private static WfdbBlockReader.SignalFiles inMemory(Map<String, byte[]> files) {
        return new WfdbBlockReader.SignalFiles() {
            @Override
            public long length(String name) {
                return files.containsKey(name) ? files.get(name).length : -1;
            }

            @Override
            public InputStream open(String name) {
                return new ByteArrayInputStream(files.get(name));
            }
        };
    }

    private static Map<String, byte[]> written(WfdbSignalFormat format, int leads, int samples) {
        int[][] uv = new int[leads][samples];
        for (int lead = 0; lead < leads; lead++) {
            for (int i = 0; i < samples; i++) {
                uv[lead][i] = (int) (800 * Math.sin(i * 0.05 + lead)) + (i % 13) * 7;
            }
        }
        List<String> names = List.of("I", "II", "III", "V1", "V2").subList(0, leads);
        WfdbRecord record = WfdbRecord.fromRecording(EcgRecording.of(360, names, uv), "blk", format, 200);
        Map<String, byte[]> out = new LinkedHashMap<>();
        WfdbWriter.encode(record, out);
        return out;
    }

    @Test
    void decodesBlocksExactlyAsTheInMemoryReaderForFormats212And16() throws Exception {
        for (WfdbSignalFormat format : WfdbSignalFormat.values()) {
            Map<String, byte[]> files = written(format, 3, 1001); // 3 leads × 1001: 212 frames straddle blocks
            byte[] header = files.remove("blk.hea");
            EcgRecording whole = WfdbReader.read("blk.hea", header, files, WfdbReader.Checks.INITIAL_VALUE_AND_CHECKSUM,
                    EcgFileLimits.DEFAULT).toRecording();
            try (WfdbBlockReader reader = WfdbBlockReader.open("blk.hea", header, inMemory(files), EcgFileLimits.STREAMED)) {
                assertThat(reader.leadNames()).isEqualTo(whole.leadNames());
                assertThat(reader.sampleCount()).isEqualTo(whole.sampleCount());
                int[][] block = new int[3][97];
                long at = 0;
                for (int n = reader.read(block); n > 0; n = reader.read(block)) {
                    for (int lead = 0; lead < 3; lead++) {
                        for (int i = 0; i < n; i++) {
                            assertThat(block[lead][i]).as("%s lead %d sample %d", format, lead, at + i)
                                    .isEqualTo(whole.sampleMicrovolts(lead, (int) (at + i)));
                        }
                    }
                    at += n;
                }
                assertThat(at).isEqualTo(1001);
                reader.verify();
            }
        }
    }

    @Test
    void aWrongChecksumIsFoundAfterTheLastBlock() throws Exception {
        Map<String, byte[]> files = written(WfdbSignalFormat.FORMAT_16, 2, 500);
        String header = new String(files.remove("blk.hea"), StandardCharsets.US_ASCII);
        String[] lines = header.split("\n");
        String[] fields = lines[1].trim().split("\\s+");
        fields[6] = Integer.toString(Integer.parseInt(fields[6]) + 1); // the checksum
        lines[1] = String.join(" ", fields);
        byte[] damaged = String.join("\n", lines).getBytes(StandardCharsets.US_ASCII);
        try (WfdbBlockReader reader = WfdbBlockReader.open("blk.hea", damaged, inMemory(files), EcgFileLimits.STREAMED)) {
            int[][] block = new int[2][100];
            while (reader.read(block) > 0) {
                // all blocks decode: only the sum over the whole signal tells
            }
            assertThatThrownBy(reader::verify).isInstanceOf(WfdbFormatException.class)
                    .satisfies(e -> assertThat(((WfdbFormatException) e).problem())
                            .isEqualTo(EcgFormatProblem.CHECKSUM_MISMATCH));
        }
    }

    @Test
    void aMissingOrShortSignalFileIsRefusedBeforeTheFirstSample() {
        Map<String, byte[]> files = written(WfdbSignalFormat.FORMAT_212, 2, 500);
        byte[] header = files.remove("blk.hea");
        assertThatThrownBy(() -> WfdbBlockReader.open("blk.hea", header, inMemory(Map.of()), EcgFileLimits.STREAMED))
                .isInstanceOf(WfdbFormatException.class).satisfies(e -> assertThat(((WfdbFormatException) e).problem())
                        .isEqualTo(EcgFormatProblem.MISSING_SIGNAL_FILE));
        byte[] dat = files.get("blk.dat");
        Map<String, byte[]> shortFile = Map.of("blk.dat", java.util.Arrays.copyOf(dat, dat.length / 2));
        assertThatThrownBy(() -> WfdbBlockReader.open("blk.hea", header, inMemory(shortFile), EcgFileLimits.STREAMED))
                .isInstanceOf(WfdbFormatException.class).satisfies(e -> assertThat(((WfdbFormatException) e).problem())
                        .isEqualTo(EcgFormatProblem.TRUNCATED_SIGNAL));
    }

    @Test
    void streamsAFourHourTwelveLeadHolterInMemoryThatDoesNotGrowWithItsLength() throws Exception {
        // 86.4 M samples, beyond the in-memory limit; the 24 h (518.4 M) run is in EcgIntakeBenchmark
        SyntheticHolter holter = SyntheticHolter.of("holter24", 12, 500, 4);
        byte[] header = holter.header();
        assertThatThrownBy(() -> EcgFileLimits.DEFAULT.checkSamples("holter24.hea", 12, holter.samplesPerLead()))
                .as("beyond what is decoded in memory").isInstanceOf(EcgFormatException.class);
        WfdbBlockReader.SignalFiles files = new WfdbBlockReader.SignalFiles() {
            @Override
            public long length(String name) {
                return name.equals(holter.datName()) ? holter.datBytes() : -1;
            }

            @Override
            public InputStream open(String name) {
                return holter.dat();
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long checked = 0;
        long mismatches = 0;
        try (WfdbBlockReader reader = WfdbBlockReader.open("holter24.hea", header, files, EcgFileLimits.STREAMED)) {
            int[][] block = new int[12][5000]; // 10 s
            for (int n = reader.read(block); n > 0; n = reader.read(block)) {
                long start = reader.position() - n;
                if (start % 1_800_000 == 0) { // hourly: compare a block with the formula (no allocation per sample)
                    for (int lead = 0; lead < 12; lead++) {
                        for (int i = 0; i < n; i++) {
                            if (block[lead][i] != holter.microvolts(lead, start + i)) {
                                mismatches++;
                            }
                        }
                    }
                    checked++;
                }
            }
            reader.verify(); // every signal's checksum over all its 7.2 M samples
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(checked).isEqualTo(4);
        assertThat(mismatches).isZero();
        // all of it in memory would be 86.4 M samples × 4 bytes = 346 MB (twice: decoded, and in microvolts)
        assertThat(allocated).as("bytes allocated while decoding 4 h × 12 leads").isLessThan(4L << 20);
    }
}
