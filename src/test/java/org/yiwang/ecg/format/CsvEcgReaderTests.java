package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvEcgReaderTests {

    private static DecodedEcg read(String text) throws EcgFormatException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static DecodedEcg read(byte[] bytes) throws EcgFormatException {
        return EcgFiles.read(List.of(new EcgFile("ecg.csv", bytes)), EcgFileLimits.DEFAULT);
    }

    private static EcgFormatException failure(String text) {
        try {
            read(text);
        } catch (EcgFormatException e) {
            return e;
        }
        throw new AssertionError("read without error");
    }

    @Test
    void readsCommentsHeaderAndMillivoltRowsWithABom() throws EcgFormatException {
        String csv = "\uFEFF# exported by bedside monitor\n# samplingRateHz=250\n# units=mV\n"
                + "# acquiredAt=2026-03-01T10:03:04\n# device=Monitor 3\nii,v1\n0.1,-0.25\n\n1.5,0\r\n-0.0004,2\n";

        DecodedEcg ecg = read(csv);

        assertThat(ecg.format()).isEqualTo(EcgSourceFormat.CSV);
        assertThat(ecg.recording().leadNames()).containsExactly("II", "V1");
        assertThat(ecg.recording().samplingRateHz()).isEqualTo(250);
        assertThat(ecg.recording().leadMicrovolts(0)).containsExactly(100, 1500, 0);
        assertThat(ecg.recording().leadMicrovolts(1)).containsExactly(-250, 0, 2000);
        assertThat(ecg.acquiredAt()).contains(Instant.parse("2026-03-01T02:03:04Z"));
        assertThat(ecg.deviceOrPatientHint()).contains("device Monitor 3");
    }

    @Test
    void derivesTheRateFromAnEvenlySpacedTimeColumnWithSemicolonsAndDecimalCommas() throws EcgFormatException {
        DecodedEcg ecg = read("t_s;I;II\n0;10;20\n0,002;11,4;21\n0,004;12;22\n0,006;13;23\n");

        assertThat(ecg.recording().samplingRateHz()).isEqualTo(500);
        assertThat(ecg.recording().leadMicrovolts(0)).containsExactly(10, 11, 12, 13);
    }

    @Test
    void readsTabsAndASampleColumnWithTheRateFromTheComment() throws EcgFormatException {
        DecodedEcg ecg = read("# samplingRateHz=360\nsample\tMLII\n0\t-5\n1\t7\n");

        assertThat(ecg.recording().leadNames()).containsExactly("MLII");
        assertThat(ecg.recording().samplingRateHz()).isEqualTo(360);
        assertThat(ecg.recording().leadMicrovolts(0)).containsExactly(-5, 7);
    }

    @Test
    void namesANonNumberWithLineAndColumn() {
        EcgFormatException e = failure("# samplingRateHz=500\nI,II,III\n1,2,3\n4,5,6\n7,x8,9\n");

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.CSV_BAD_NUMBER);
        assertThat(e.arguments()).containsExactly("ecg.csv", "5", "2", "x8");
    }

    @Test
    void namesARaggedRowWithItsLineAndFieldCounts() {
        EcgFormatException e = failure("# samplingRateHz=500\nI,II\n1,2\n3\n");

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.CSV_RAGGED_ROW);
        assertThat(e.arguments()).containsExactly("ecg.csv", "4", "1", "2");
    }

    @Test
    void namesAMissingRateAnUnevenTimeColumnAndAHeaderOfNumbers() {
        assertThat(failure("I,II\n1,2\n").problem()).isEqualTo(EcgFormatProblem.NO_SAMPLING_RATE);

        EcgFormatException uneven = failure("time,I\n0,1\n0.002,1\n0.004,1\n0.009,1\n0.010,1\n");
        assertThat(uneven.problem()).isEqualTo(EcgFormatProblem.CSV_UNEVEN_TIME);
        assertThat(uneven.arguments()).containsExactly("ecg.csv", "5");

        EcgFormatException numbers = failure("# samplingRateHz=500\n1,2\n3,4\n");
        assertThat(numbers.problem()).isEqualTo(EcgFormatProblem.CSV_BAD_HEADER);
        assertThat(numbers.arguments().get(1)).isEqualTo("2");

        assertThat(failure("# samplingRateHz=fast\nI\n1\n").problem()).isEqualTo(EcgFormatProblem.CSV_BAD_HEADER);
        assertThat(failure("# samplingRateHz=500\nI,i\n1,2\n").problem()).isEqualTo(EcgFormatProblem.DUPLICATE_LEAD);
        assertThat(failure("# units=mmHg\nI\n1\n").problem()).isEqualTo(EcgFormatProblem.UNSUPPORTED_UNIT);
        assertThat(failure("# samplingRateHz=500\nI,II\n").problem()).isEqualTo(EcgFormatProblem.NO_SAMPLES);
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] gbk = {'#', ' ', (byte) 0xD0, (byte) 0xC4, (byte) 0xB5, (byte) 0xE7, '\n', 'I', '\n', '1', '\n'};

        assertThatThrownBy(() -> read(gbk)).isInstanceOfSatisfying(EcgFormatException.class,
                e -> assertThat(e.problem()).isEqualTo(EcgFormatProblem.NOT_UTF8));
    }

    @Test
    void stopsAtTheRowLimitWithoutReadingFurther() {
        StringBuilder csv = new StringBuilder("# samplingRateHz=500\nI,II\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(i).append(',').append(-i).append('\n');
        }
        List<EcgFile> files = List.of(new EcgFile("long.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> EcgFiles.read(files, new EcgFileLimits(16, 1_000_000, 4_000, 1 << 20)))
                .isInstanceOfSatisfying(EcgFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(EcgFormatProblem.TOO_MANY_SAMPLES);
                    assertThat(e.arguments()).containsExactly("long.csv", "> 2000", "2000");
                });
    }

    @Test
    void recognisesCsvByContentWhenTheNameHasNoExtension() throws EcgFormatException {
        DecodedEcg ecg = EcgFiles.read(List.of(new EcgFile("upload", "# samplingRateHz=100\nI\n5\n"
                .getBytes(StandardCharsets.UTF_8))), EcgFileLimits.DEFAULT);

        assertThat(ecg.format()).isEqualTo(EcgSourceFormat.CSV);
    }
}
