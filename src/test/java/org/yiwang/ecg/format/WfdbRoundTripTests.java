package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WfdbRoundTripTests {

    @TempDir
    Path dir;

    private static int[][] randomDigital(int signals, int samples, int min, int max, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] d = new int[signals][samples];
        for (int s = 0; s < signals; s++) {
            for (int i = 0; i < samples; i++) {
                d[s][i] = random.nextInt(min, max + 1);
            }
        }
        d[0][0] = min;
        d[signals - 1][samples - 1] = max;
        return d;
    }

    private static WfdbSignal signal(String file, WfdbSignalFormat format, int offset, String name) {
        return new WfdbSignal(file, format, offset, 200, 1024, "mV", 11, 1024, null, null, 0, name);
    }

    @Test
    void roundTripsFormat212WithAnOddNumberOfSamplesAcrossSignals() throws IOException {
        int[][] digital = randomDigital(3, 1001, -2048, 2047, 1);
        List<WfdbSignal> signals = List.of(signal("r212.dat", WfdbSignalFormat.FORMAT_212, 0, "MLII"),
                signal("r212.dat", WfdbSignalFormat.FORMAT_212, 0, "V1"),
                signal("r212.dat", WfdbSignalFormat.FORMAT_212, 0, "V5"));
        WfdbHeader written = WfdbWriter.write(dir, new WfdbRecord(
                new WfdbHeader("r212", 360, 1001, signals, List.of("synthetic")), digital));

        WfdbRecord read = WfdbReader.read(dir.resolve("r212.hea"));

        assertThat(read.digital()).isDeepEqualTo(digital);
        assertThat(read.header()).isEqualTo(written);
        assertThat(read.header().samplingRateHz()).isEqualTo(360);
        assertThat(read.header().comments()).containsExactly("synthetic");
        assertThat(Files.size(dir.resolve("r212.dat"))).isEqualTo(3 * 1001 / 2 * 3 + 2);
    }

    @Test
    void roundTripsFormat16() throws IOException {
        int[][] digital = randomDigital(2, 777, -32768, 32767, 2);
        List<WfdbSignal> signals = List.of(signal("r16.dat", WfdbSignalFormat.FORMAT_16, 0, "I"),
                signal("r16.dat", WfdbSignalFormat.FORMAT_16, 0, "II"));
        WfdbWriter.write(dir, new WfdbRecord(new WfdbHeader("r16", 500, 777, signals, List.of()), digital));

        assertThat(WfdbReader.read(dir.resolve("r16")).digital()).isDeepEqualTo(digital);
    }

    @Test
    void roundTripsFormat16WithAByteOffsetLikeMatlabFiles() throws IOException {
        int[][] digital = randomDigital(1, 300, -5000, 5000, 3);
        List<WfdbSignal> signals = List.of(new WfdbSignal("A0001.mat", WfdbSignalFormat.FORMAT_16, 24, 1000, 0,
                "mV", 16, 0, null, null, 0, "ECG"));
        WfdbWriter.write(dir, new WfdbRecord(new WfdbHeader("A0001", 300, 300, signals, List.of()), digital));

        assertThat(Files.readString(dir.resolve("A0001.hea"))).contains("A0001.mat 16+24 1000(0)/mV");
        assertThat(Files.size(dir.resolve("A0001.mat"))).isEqualTo(24 + 600);
        assertThat(WfdbReader.read(dir.resolve("A0001.hea")).digital()).isDeepEqualTo(digital);
    }

    @Test
    void roundTripsARecordSpreadOverTwoFilesOfDifferentFormats() throws IOException {
        int[][] digital = randomDigital(3, 250, -2000, 2000, 4);
        List<WfdbSignal> signals = List.of(signal("a.dat", WfdbSignalFormat.FORMAT_212, 0, "I"),
                signal("b.dat", WfdbSignalFormat.FORMAT_16, 0, "II"),
                signal("a.dat", WfdbSignalFormat.FORMAT_212, 0, "III"));
        WfdbWriter.write(dir, new WfdbRecord(new WfdbHeader("multi", 250, 250, signals, List.of()), digital));

        assertThat(WfdbReader.read(dir.resolve("multi.hea")).digital()).isDeepEqualTo(digital);
    }

    @Test
    void convertsToMicrovoltsWithGainBaselineAndUnits() throws IOException {
        Files.writeString(dir.resolve("g.hea"), "g 2 360 2\ng.dat 16 200(1024)/mV 11 0 1224 0 0 MLII\n"
                + "g.dat 16 1000/uV 16 0 -5 0 0 avr\n");
        Files.write(dir.resolve("g.dat"), new byte[] {(byte) 0xC8, 4, -5, -1, 0, 4, 10, 0});

        EcgRecording recording = WfdbReader.read(dir.resolve("g"), WfdbReader.Checks.NONE).toRecording();

        assertThat(recording.leadNames()).containsExactly("MLII", "aVR");
        assertThat(recording.leadMicrovolts(0)).containsExactly(1000, 0);
        assertThat(recording.leadMicrovolts(1)).containsExactly(0, 0); // -5 uV/1000 and 10/1000 round to 0
    }

    @Test
    void digitisedSyntheticRecordingSurvivesAWriteAndReadWithinOneQuantisationStep() throws IOException {
        EcgRecording original = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 20, 70)
                .withLeads(List.of("MLII", "V1")), 9).recording();
        WfdbWriter.write(dir, WfdbRecord.fromRecording(original, "syn", WfdbSignalFormat.FORMAT_212, 200));

        EcgRecording read = WfdbReader.read(dir.resolve("syn.hea")).toRecording();

        assertThat(read.leadNames()).isEqualTo(original.leadNames());
        for (int lead = 0; lead < 2; lead++) {
            for (int i = 0; i < original.sampleCount(); i++) {
                assertThat(Math.abs(read.sampleMicrovolts(lead, i) - original.sampleMicrovolts(lead, i)))
                        .isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void rejectsASignalFileWhoseChecksumDoesNotMatchTheHeader() throws IOException {
        int[][] digital = randomDigital(2, 100, -1000, 1000, 5);
        WfdbWriter.write(dir, new WfdbRecord(new WfdbHeader("bad", 360, 100,
                List.of(signal("bad.dat", WfdbSignalFormat.FORMAT_212, 0, "MLII"),
                        signal("bad.dat", WfdbSignalFormat.FORMAT_212, 0, "V1")), List.of()), digital));
        byte[] bytes = Files.readAllBytes(dir.resolve("bad.dat"));
        bytes[150] ^= 0x01;
        Files.write(dir.resolve("bad.dat"), bytes);

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("bad.hea"))).isInstanceOf(WfdbFormatException.class)
                .hasMessageContaining("bad.hea").hasMessageContaining("checksum");
        assertThat(WfdbReader.read(dir.resolve("bad.hea"), WfdbReader.Checks.NONE).sampleCount()).isEqualTo(100);
    }

    @Test
    void rejectsAHeaderWhoseInitialValueDoesNotMatchTheFirstSample() throws IOException {
        Files.writeString(dir.resolve("i.hea"), "i 1 360 2\ni.dat 16 200 16 0 7 0 0 II\n");
        Files.write(dir.resolve("i.dat"), new byte[] {5, 0, 1, 0});

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("i.hea"))).isInstanceOf(WfdbFormatException.class)
                .hasMessageContaining("starts with 5").hasMessageContaining("initial value is 7");
    }

    @Test
    void rejectsASignalFileShorterThanTheHeaderDeclares() throws IOException {
        Files.writeString(dir.resolve("t.hea"), "t 2 360 1000\nt.dat 212 200 11 0\nt.dat 212 200 11 0\n");
        Files.write(dir.resolve("t.dat"), new byte[2999]);

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("t.hea"))).isInstanceOf(WfdbFormatException.class)
                .hasMessageContaining("t.dat").hasMessageContaining("3000 bytes").hasMessageContaining("only 2999");
    }

    @Test
    void takesTheSampleCountFromTheFileWhenTheHeaderOmitsIt() throws IOException {
        Files.writeString(dir.resolve("u.hea"), "u 1 360\nu.dat 16\n");
        Files.write(dir.resolve("u.dat"), new byte[] {1, 0, 2, 0, 3, 0});

        WfdbRecord record = WfdbReader.read(dir.resolve("u.hea"));

        assertThat(record.digital()[0]).containsExactly(1, 2, 3);
        assertThat(record.header().signals().get(0).gainAduPerUnit()).isEqualTo(200);
    }

    @Test
    void namesTheLineAndFieldOfMalformedHeaders() {
        assertThatThrownBy(() -> WfdbHeader.parse("r 2 360 100\nr.dat 212 200 11 0\n", "r.hea"))
                .hasMessage("r.hea: 2 signals declared on line 1 but 1 signal lines found");
        assertThatThrownBy(() -> WfdbHeader.parse("r 1 fast 100\nr.dat 212\n", "r.hea"))
                .hasMessageContaining("line 1: sampling frequency 'fast'");
        assertThatThrownBy(() -> WfdbHeader.parse("r 1 360 100\nr.dat 80 200\n", "r.hea"))
                .hasMessageContaining("line 2: signal format 80 is not supported");
        assertThatThrownBy(() -> WfdbHeader.parse("# only\n", "r.hea")).hasMessage("r.hea: no record line");
        assertThatThrownBy(() -> WfdbHeader.parse("r 1 360 100\nr.dat 212 2x0(4/mV\n", "r.hea"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> WfdbHeader.parse("r 1 360 100\nr.dat 16 200 11 0 zero\n", "r.hea"))
                .hasMessageContaining("line 2: initial value 'zero' is not an integer");
        assertThatThrownBy(() -> WfdbHeader.parse("r/2 1 360 100\nr.dat 16\n", "r.hea"))
                .hasMessageContaining("multi-segment");
    }

    @Test
    void randomHeadersAndSignalFilesAreEitherReadOrRejectedWithAFormatException() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        String[] fields = {"r", "2", "1", "360", "0", "-5", "16", "212", "16+24", "212+3", "x", "200(0)/mV", "0", "12",
                "(", "/", "1e9", "NaN", "-1", "99999999999", "8x2", "#", "\n"};
        for (int trial = 0; trial < 1500; trial++) {
            StringBuilder header = new StringBuilder("r");
            int tokens = random.nextInt(1, 25);
            for (int t = 0; t < tokens; t++) {
                String token = fields[random.nextInt(fields.length)];
                header.append(token.equals("\\n") ? "\n" : " " + token);
                if (random.nextInt(5) == 0) {
                    header.append("\nr.dat");
                }
            }
            Files.writeString(dir.resolve("r.hea"), header.toString());
            byte[] data = new byte[random.nextInt(0, 200)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) random.nextInt(256);
            }
            Files.write(dir.resolve("r.dat"), data);
            try {
                WfdbReader.read(dir.resolve("r.hea"));
            } catch (WfdbFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void refusesSignalFilesOutsideTheHeadersDirectory() throws IOException {
        Files.writeString(dir.resolve("p.hea"), "p 1 360 2\n../p.dat 16\n");

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("p.hea"))).isInstanceOf(WfdbFormatException.class)
                .hasMessageContaining("plain file name");
    }

    @Test
    void reportsAMissingSignalFileByName() throws IOException {
        Files.writeString(dir.resolve("m.hea"), "m 1 360 2\nm.dat 16\n");

        assertThatThrownBy(() -> WfdbReader.read(dir.resolve("m.hea"))).isInstanceOf(WfdbFormatException.class)
                .hasMessageContaining("signal file m.dat does not exist");
    }
}
