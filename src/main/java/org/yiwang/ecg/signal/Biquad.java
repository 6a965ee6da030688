package org.yiwang.ecg.signal;

/**
 * A second-order IIR section (RBJ audio-EQ cookbook designs), applied in transposed direct form II. Designs take
 * frequencies in Hz and the sampling rate, so every filter here works at any sampling rate.
 */
public final class Biquad {

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    public static Biquad lowPass(double cutoffHz, double samplingRateHz, double q) {
        double w0 = omega(cutoffHz, samplingRateHz);
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad highPass(double cutoffHz, double samplingRateHz, double q) {
        double w0 = omega(cutoffHz, samplingRateHz);
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Band-stop at {@code centreHz}; bandwidth = centre / q. */
    public static Biquad notch(double centreHz, double samplingRateHz, double q) {
        double w0 = omega(centreHz, samplingRateHz);
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad(1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha);
    }

    private static double omega(double hz, double samplingRateHz) {
        if (!(hz > 0) || !(hz < samplingRateHz / 2)) {
            throw new IllegalArgumentException(hz + " Hz is not between 0 and the Nyquist frequency "
                    + samplingRateHz / 2 + " Hz");
        }
        return 2 * Math.PI * hz / samplingRateHz;
    }

    /** Gain at 0 Hz. */
    double dcGain() {
        return (b0 + b1 + b2) / (1 + a1 + a2);
    }

    /** Filters {@code x} in place, forward, starting from the steady state for the first sample. */
    public void forward(double[] x) {
        if (x.length == 0) {
            return;
        }
        double h = dcGain();
        double z2 = (b2 - a2 * h) * x[0];
        double z1 = (b1 - a1 * h) * x[0] + z2;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + z1;
            z1 = b1 * in - a1 * out + z2;
            z2 = b2 * in - a2 * out;
            x[i] = out;
        }
    }

    /** Filters {@code x} in place, backward (time-reversed). */
    public void backward(double[] x) {
        int n = x.length;
        if (n == 0) {
            return;
        }
        double h = dcGain();
        double z2 = (b2 - a2 * h) * x[n - 1];
        double z1 = (b1 - a1 * h) * x[n - 1] + z2;
        for (int i = n - 1; i >= 0; i--) {
            double in = x[i];
            double out = b0 * in + z1;
            z1 = b1 * in - a1 * out + z2;
            z2 = b2 * in - a2 * out;
            x[i] = out;
        }
    }

    /** Zero-phase filtering (forward then backward), in place: squared magnitude response, no delay. */
    public void zeroPhase(double[] x) {
        forward(x);
        backward(x);
    }
}
