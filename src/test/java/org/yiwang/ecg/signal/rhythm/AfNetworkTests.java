package org.yiwang.ecg.signal.rhythm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AfNetworkTests {

    private static final AfNetwork SHIPPED = AfNetwork.defaults();

    /** The probe of tools/af-network/train.py: 30 s at 150 samples/s, sin(2π·1.2·t) + 0.3·sin(2π·7·t). */
    private static float[] probe() {
        float[] x = new float[AfNetwork.WINDOW];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) AfNetwork.SAMPLE_RATE_HZ;
            x[i] = (float) (Math.sin(2 * Math.PI * 1.2 * t) + 0.3 * Math.sin(2 * Math.PI * 7 * t));
        }
        return x;
    }

    @Test
    void computesTheShippedNetworksLogitAsPyTorchDidWhenItWasTrained() {
        // printed by tools/af-network/train.py for the weights in af-network.bin: three runs (seeds) of five members
        assertThat(SHIPPED.members()).isEqualTo(15);
        assertThat(SHIPPED.member(0).logit(probe())).isCloseTo(-2.140912, within(1e-4));
        assertThat(SHIPPED.member(5).logit(probe())).isCloseTo(-1.537002, within(1e-4));
        assertThat(SHIPPED.member(10).logit(probe())).isCloseTo(-1.689130, within(1e-4));
        // the mean of the three runs' ensembles (-1.755532, -1.832828, -1.860343)
        assertThat(SHIPPED.logit(probe())).isCloseTo(-1.816234, within(1e-4));
    }

    @Test
    void theMembersWithoutAFoldAreThatFoldsMemberOfEveryRun() {
        AfNetwork withoutFold2 = SHIPPED.withoutFold(2, 5);
        assertThat(withoutFold2.members()).isEqualTo(3);
        double expected = (SHIPPED.member(2).logit(probe()) + SHIPPED.member(7).logit(probe())
                + SHIPPED.member(12).logit(probe())) / 3;
        assertThat(withoutFold2.logit(probe())).isCloseTo(expected, within(1e-9));
        assertThatThrownBy(() -> SHIPPED.withoutFold(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15 members are not runs of 4 folds");
        assertThatThrownBy(() -> SHIPPED.withoutFold(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAShortRecordingAsOneZeroPaddedWindow() {
        float[] tenSeconds = Arrays.copyOf(probe(), 10 * AfNetwork.SAMPLE_RATE_HZ);
        AfNetwork member = SHIPPED.member(1);
        assertThat(member.logit(tenSeconds)).isEqualTo(member.logit(Arrays.copyOf(tenSeconds, AfNetwork.WINDOW)));
    }

    @Test
    void readsALongRecordingInHalfOverlappingWindowsTheLastEndingWithIt() {
        float[] forty = new float[40 * AfNetwork.SAMPLE_RATE_HZ];
        for (int i = 0; i < forty.length; i++) {
            forty[i] = (float) Math.sin(i * 0.07) * (i % 900 < 30 ? 3 : 1);
        }
        AfNetwork member = SHIPPED.member(2);
        int w = AfNetwork.WINDOW;
        double first = member.logit(Arrays.copyOfRange(forty, 0, w));
        double last = member.logit(Arrays.copyOfRange(forty, forty.length - w, forty.length));
        assertThat(member.logit(forty)).isCloseTo((first + last) / 2, within(1e-9));
    }

    @Test
    void inputIsBandPassedResampledToTheNetworkRateAndScaledByItsLargeValues() {
        double fs = 360;
        int[] microvolts = new int[3600];
        for (int i = 0; i < microvolts.length; i++) {
            microvolts[i] = (int) Math.round(1000 + 500 * Math.sin(2 * Math.PI * 5 * i / fs)); // 1 mV offset
        }
        float[] input = AfNetwork.input(microvolts, fs);
        assertThat(input).hasSize(1500);
        float[] middle = Arrays.copyOfRange(input, 300, 1200); // away from the filters' edges
        double mean = 0;
        float max = 0;
        for (float v : middle) {
            mean += v / middle.length;
            max = Math.max(max, Math.abs(v));
        }
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat((double) max).isCloseTo(1, within(0.02));
    }

    @Test
    void aFlatLeadStaysFlatInsteadOfAmplifyingItsNoise() {
        int[] nearlyFlat = new int[3000];
        for (int i = 0; i < nearlyFlat.length; i++) {
            nearlyFlat[i] = i % 2 == 0 ? 3 : -3;
        }
        for (float v : AfNetwork.input(nearlyFlat, 300)) {
            assertThat(Math.abs(v)).isLessThan(0.1f);
        }
    }

    @Test
    void readsSyntheticAtrialFibrillationAsMoreLikelyThanSinusRhythm() {
        List<String> leadI = List.of("I");
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticEcgSpec sinus = SyntheticEcgSpec.sinus(300, 30, 75).withLeads(leadI).withGaussianNoise(10);
            SyntheticEcgSpec af = SyntheticEcgSpec.sinus(300, 30, 95).withLeads(leadI).withGaussianNoise(10)
                    .withAtrialFibrillation(0.25);
            double sinusLogit = SHIPPED.logit(AfNetwork.input(SyntheticEcg.generate(sinus, seed).recording()
                    .leadMicrovolts(0), 300));
            double afLogit = SHIPPED.logit(AfNetwork.input(SyntheticEcg.generate(af, seed).recording()
                    .leadMicrovolts(0), 300));
            assertThat(afLogit).isGreaterThan(sinusLogit + 2);
        }
    }

    @Test
    void rejectsAFileThatIsNotAnAfNetwork() {
        assertThatThrownBy(() -> AfNetwork.read(new ByteArrayInputStream("not a network".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("not an AF network");
    }

    @Test
    void rejectsTruncatedWeights() throws IOException {
        byte[] shipped;
        try (InputStream in = AfNetwork.class.getResourceAsStream("af-network.bin")) {
            shipped = in.readAllBytes();
        }
        byte[] truncated = Arrays.copyOf(shipped, shipped.length - 100);
        assertThatThrownBy(() -> AfNetwork.read(new ByteArrayInputStream(truncated))).isInstanceOf(IOException.class);
        byte[] longer = Arrays.copyOf(shipped, shipped.length + 4);
        assertThatThrownBy(() -> AfNetwork.read(new ByteArrayInputStream(longer)))
                .isInstanceOf(IOException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void rejectsABlockWhoseInputDoesNotFitTheLayerBefore() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("YWAFN1\0\0".getBytes());
        bytes.writeBytes(ints(1, 1)); // one member, one block
        bytes.writeBytes(conv(4, 1, 3, 1)); // stem: 4 channels
        bytes.writeBytes(ints(0)); // no shortcut
        bytes.writeBytes(conv(4, 8, 3, 1)); // reads 8 channels: does not fit
        bytes.writeBytes(conv(4, 4, 3, 1));
        bytes.writeBytes(ints(8));
        bytes.writeBytes(new byte[9 * 4]);
        assertThatThrownBy(() -> AfNetwork.read(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("block 0 of member 0 does not fit");
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] conv(int out, int in, int taps, int stride) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ints(out, in, taps, stride));
        bytes.writeBytes(new byte[(out * in * taps + out) * 4]);
        return bytes.toByteArray();
    }
}
