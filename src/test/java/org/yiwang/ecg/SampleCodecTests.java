package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleCodecTests {

    @Test
    void decodesExactlyWhatWasEncodedIncludingExtremeJumps() {
        Random random = new Random(3);
        int[][] leads = new int[3][2000];
        for (int[] lead : leads) {
            for (int i = 0; i < lead.length; i++) {
                lead[i] = (int) (800 * Math.sin(i / 40.0)) + random.nextInt(21) - 10;
            }
        }
        leads[1][100] = Integer.MAX_VALUE;
        leads[1][101] = Integer.MIN_VALUE;
        leads[2][0] = -32768;

        byte[] block = SampleCodec.encode(leads, 500, 1800);
        int[][] decoded = SampleCodec.decode(block, 3, 1300);

        for (int lead = 0; lead < 3; lead++) {
            assertThat(decoded[lead]).isEqualTo(Arrays.copyOfRange(leads[lead], 500, 1800));
        }
        assertThat(SampleCodec.decode(SampleCodec.encode(leads, 0, 200), 3, 200)[1])
                .isEqualTo(Arrays.copyOf(leads[1], 200));
    }

    @Test
    void smoothEcgTakesFarLessThanFourBytesPerSample() {
        int[][] lead = new int[1][5000];
        for (int i = 0; i < 5000; i++) {
            lead[0][i] = (int) (1000 * Math.exp(-Math.pow((i % 400 - 200) / 8.0, 2)) + 50 * Math.sin(i / 90.0));
        }
        assertThat(SampleCodec.encode(lead, 0, 5000).length).isLessThan(5000 * 2);
    }

    @Test
    void aBlockThatDoesNotHoldTheDeclaredSamplesIsRefused() {
        byte[] block = SampleCodec.encode(new int[][] {{1, 2, 3, 4}}, 0, 4);
        assertThatThrownBy(() -> SampleCodec.decode(block, 1, 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SampleCodec.decode(Arrays.copyOf(block, 3), 1, 4))
                .isInstanceOf(IllegalStateException.class);
    }
}
