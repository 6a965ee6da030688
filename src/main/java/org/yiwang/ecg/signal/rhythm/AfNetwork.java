package org.yiwang.ecg.signal.rhythm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yiwang.ecg.signal.Biquad;

/**
 * A small residual convolutional network that reads atrial fibrillation from the waveform of one lead: fibrillatory
 * waves and the irregular rhythm as the signal shows them, not only as detected beats. Its output (a logit) is one
 * feature of the {@link AfModel}, next to the RR-irregularity features.
 *
 * <p>An ensemble of {@link #members()} networks of the same shape: one per cross-validation fold of the training
 * records in each of one or more training runs (seeds), stored run by run, fold by fold. In use their logits are
 * averaged; the evaluation scores each record with the members that did not see it ({@link #withoutFold}). The
 * weights are trained offline ({@code tools/af-network/train.py}, docs/benchmarks.md) on the network input this
 * class makes ({@link #input}) of the CinC 2017 records, with 30 s windows of the MIT-BIH arrhythmia records and
 * added noise-stress-test noise besides, and read from a classpath resource.
 *
 * <p>Shape: a stride-2 stem convolution, six residual blocks (two convolutions of 7 taps, batch norm folded into
 * them), mean and max over time, one linear output. Input: 150 samples/s, band-passed 0.5-40 Hz, divided by the 99th
 * percentile of its magnitude; read in windows of {@link #WINDOW_SECONDS} s (shorter recordings zero-padded) whose
 * logits are averaged.
 */
public final class AfNetwork {

    public static final int SAMPLE_RATE_HZ = 150;
    public static final int WINDOW_SECONDS = 30;
    static final int WINDOW = SAMPLE_RATE_HZ * WINDOW_SECONDS;
    private static final String RESOURCE = "af-network.bin";
    private static final byte[] MAGIC = "YWAFN1\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final List<Member> members;

    private AfNetwork(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an AF network has at least one member");
        }
        this.members = List.copyOf(members);
    }

    /** The trained ensemble shipped with the application (resource {@value #RESOURCE} beside this class). */
    public static AfNetwork defaults() {
        return Shipped.NETWORK;
    }

    private static final class Shipped {
        static final AfNetwork NETWORK = load();

        private static AfNetwork load() {
            try (InputStream in = AfNetwork.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("AF network weights " + RESOURCE + " missing from the classpath");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable AF network weights " + RESOURCE, e);
            }
        }
    }

    /**
     * Reads an ensemble: the magic {@code YWAFN1\0\0}, then little-endian int32 members; per member int32 blocks,
     * the stem convolution, per block int32 hasSkip and its convolutions (first, second, skip if any), then the
     * output layer (int32 inputs, float32 weights, float32 bias). A convolution is int32 out, in, taps, stride, then
     * float32 weights [out][in][taps] and float32 bias [out].
     */
    public static AfNetwork read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an AF network file");
        }
        int count = int32(in);
        if (count < 1 || count > 32) {
            throw new IOException("implausible member count " + count);
        }
        List<Member> members = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            int blockCount = int32(in);
            if (blockCount < 1 || blockCount > 32) {
                throw new IOException("implausible block count " + blockCount);
            }
            Conv stem = conv(in);
            if (stem.in != 1) {
                throw new IOException("the stem reads one lead, not " + stem.in);
            }
            List<Block> blocks = new ArrayList<>();
            int channels = stem.out;
            for (int b = 0; b < blockCount; b++) {
                boolean skip = int32(in) != 0;
                Conv first = conv(in);
                Conv second = conv(in);
                Conv shortcut = skip ? conv(in) : null;
                if (first.in != channels || second.in != first.out || second.stride != 1
                        || (shortcut == null ? first.stride != 1 || first.out != channels
                                : shortcut.in != channels || shortcut.out != second.out || shortcut.taps != 1
                                        || shortcut.stride != first.stride)) {
                    throw new IOException("block " + b + " of member " + m + " does not fit its input");
                }
                blocks.add(new Block(first, second, shortcut));
                channels = second.out;
            }
            int inputs = int32(in);
            if (inputs != 2 * channels) {
                throw new IOException("the output layer reads " + inputs + " values, the blocks give " + 2 * channels);
            }
            float[] weights = floats(in, inputs);
            float bias = floats(in, 1)[0];
            members.add(new Member(stem, blocks, weights, bias));
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the AF network");
        }
        return new AfNetwork(members);
    }

    public int members() {
        return members.size();
    }

    /** The ensemble member at {@code index} alone. */
    public AfNetwork member(int index) {
        return new AfNetwork(List.of(members.get(index)));
    }

    /**
     * The members trained without cross-validation fold {@code fold} of {@code folds}: member {@code fold} of every
     * training run.
     *
     * @throws IllegalArgumentException when the members are not whole runs of {@code folds}
     */
    public AfNetwork withoutFold(int fold, int folds) {
        if (folds < 1 || members.size() % folds != 0 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException(members.size() + " members are not runs of " + folds + " folds");
        }
        List<Member> out = new ArrayList<>();
        for (int i = fold; i < members.size(); i += folds) {
            out.add(members.get(i));
        }
        return new AfNetwork(out);
    }

    /**
     * The network input for one lead: band-passed 0.5-40 Hz in both directions (no delay), resampled to
     * {@value #SAMPLE_RATE_HZ} samples/s by linear interpolation, divided by the 99th percentile of its magnitude
     * (at least 0.05 mV, so a flat lead stays near zero instead of amplifying noise).
     */
    public static float[] input(int[] microvolts, double samplingRateHz) {
        if (!(samplingRateHz > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive");
        }
        double[] x = new double[microvolts.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = microvolts[i] / 1000.0;
        }
        double q = Math.sqrt(0.5);
        Biquad.highPass(0.5, samplingRateHz, q).zeroPhase(x);
        if (samplingRateHz > 100) {
            Biquad.lowPass(40, samplingRateHz, q).zeroPhase(x);
        }
        int n = (int) Math.floor((x.length - 1) * SAMPLE_RATE_HZ / samplingRateHz) + 1;
        if (x.length == 0) {
            return new float[0];
        }
        double[] resampled = new double[n];
        double step = samplingRateHz / SAMPLE_RATE_HZ;
        for (int j = 0; j < n; j++) {
            double at = j * step;
            int i = (int) at;
            double frac = at - i;
            resampled[j] = i + 1 < x.length ? x[i] + frac * (x[i + 1] - x[i]) : x[x.length - 1];
        }
        double[] magnitude = new double[n];
        for (int j = 0; j < n; j++) {
            magnitude[j] = Math.abs(resampled[j]);
        }
        Arrays.sort(magnitude);
        double scale = Math.max(magnitude[(int) Math.floor(0.99 * (n - 1))], 0.05);
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) (resampled[j] / scale);
        }
        return out;
    }

    /**
     * The network's AF logit for an {@link #input}: the mean over members of the mean over windows of
     * {@value #WINDOW_SECONDS} s, half-overlapping, the last one ending with the recording. NaN for an empty input.
     */
    public double logit(float[] input) {
        if (input.length == 0) {
            return Double.NaN;
        }
        List<float[]> windows = windows(input);
        double sum = 0;
        for (Member member : members) {
            for (float[] window : windows) {
                sum += member.logit(window);
            }
        }
        return sum / (members.size() * windows.size());
    }

    private static List<float[]> windows(float[] input) {
        if (input.length <= WINDOW) {
            return List.of(Arrays.copyOf(input, WINDOW));
        }
        List<float[]> windows = new ArrayList<>();
        int hop = WINDOW / 2;
        int start = 0;
        for (; start + WINDOW <= input.length; start += hop) {
            windows.add(Arrays.copyOfRange(input, start, start + WINDOW));
        }
        if (start - hop + WINDOW != input.length) {
            windows.add(Arrays.copyOfRange(input, input.length - WINDOW, input.length));
        }
        return windows;
    }

    private record Member(Conv stem, List<Block> blocks, float[] outputWeights, float outputBias) {

        double logit(float[] window) {
            float[][] x = stem.apply(new float[][] { window });
            relu(x);
            for (Block block : blocks) {
                x = block.apply(x);
            }
            double out = outputBias;
            int channels = x.length;
            for (int c = 0; c < channels; c++) {
                float[] row = x[c];
                double sum = 0;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : row) {
                    sum += v;
                    max = Math.max(max, v);
                }
                out += outputWeights[c] * (sum / row.length) + outputWeights[channels + c] * max;
            }
            return out;
        }
    }

    private record Block(Conv first, Conv second, Conv shortcut) {

        float[][] apply(float[][] x) {
            float[][] y = first.apply(x);
            relu(y);
            y = second.apply(y);
            float[][] skip = shortcut == null ? x : shortcut.apply(x);
            for (int c = 0; c < y.length; c++) {
                float[] row = y[c];
                float[] s = skip[c];
                for (int t = 0; t < row.length; t++) {
                    row[t] = Math.max(0, row[t] + s[t]);
                }
            }
            return y;
        }
    }

    /** A 1-D convolution with "same" zero padding (taps / 2 each side) and batch norm folded into its weights. */
    private record Conv(int out, int in, int taps, int stride, float[] weights, float[] bias) {

        float[][] apply(float[][] x) {
            int length = x[0].length;
            int pad = taps / 2;
            int outLength = (length + 2 * pad - taps) / stride + 1;
            // The zero-padded input split into its stride phases (phase r holds padded samples r, r + stride, ...):
            // tap k of output t reads phase k % stride at t + k / stride, so every inner loop runs over consecutive
            // floats (vectorised by the JIT) and needs no bounds tests.
            int phaseLength = outLength + taps / stride + 1;
            float[][][] phases = new float[in][stride][phaseLength];
            for (int c = 0; c < in; c++) {
                float[] row = x[c];
                for (int i = 0; i < length; i++) {
                    int padded = i + pad;
                    int t = padded / stride;
                    if (t < phaseLength) {
                        phases[c][padded % stride][t] = row[i];
                    }
                }
            }
            float[][] y = new float[out][outLength];
            for (int o = 0; o < out; o++) {
                float[] row = y[o];
                Arrays.fill(row, bias[o]);
                for (int c = 0; c < in; c++) {
                    float[][] p = phases[c];
                    int base = (o * in + c) * taps;
                    for (int k = 0; k < taps; k++) {
                        float w = weights[base + k];
                        float[] phase = p[k % stride];
                        int shift = k / stride;
                        for (int t = 0; t < outLength; t++) {
                            row[t] += w * phase[t + shift];
                        }
                    }
                }
            }
            return y;
        }
    }

    private static void relu(float[][] x) {
        for (float[] row : x) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(0, row[t]);
            }
        }
    }

    private static Conv conv(DataInputStream in) throws IOException {
        int out = int32(in);
        int inputs = int32(in);
        int taps = int32(in);
        int stride = int32(in);
        if (out < 1 || out > 1024 || inputs < 1 || inputs > 1024 || taps < 1 || taps > 64 || taps % 2 == 0
                || stride < 1 || stride > 8) {
            throw new IOException("implausible convolution " + out + "x" + inputs + "x" + taps + "/" + stride);
        }
        return new Conv(out, inputs, taps, stride, floats(in, out * inputs * taps), floats(in, out));
    }

    private static int int32(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static float[] floats(DataInputStream in, int count) throws IOException {
        byte[] bytes = new byte[count * 4];
        in.readFully(bytes);
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
