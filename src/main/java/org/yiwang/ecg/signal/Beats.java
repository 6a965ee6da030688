package org.yiwang.ecg.signal;

import java.util.Arrays;

/** Beat positions (usually R peaks) as strictly increasing sample indices of a recording at {@code samplingRateHz}. */
public final class Beats {

    private final double samplingRateHz;
    private final int[] sampleIndices;

    private Beats(double samplingRateHz, int[] sampleIndices) {
        this.samplingRateHz = samplingRateHz;
        this.sampleIndices = sampleIndices;
    }

    /** Copies and checks the indices (non-negative, strictly increasing). */
    public static Beats of(double samplingRateHz, int[] sampleIndices) {
        if (!(samplingRateHz > 0)) {
            throw new IllegalArgumentException("samplingRateHz must be positive, was " + samplingRateHz);
        }
        int[] copy = sampleIndices.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || (i > 0 && copy[i] <= copy[i - 1])) {
                throw new IllegalArgumentException("beat sample indices must be non-negative and strictly "
                        + "increasing: index " + i + " is " + copy[i]);
            }
        }
        return new Beats(samplingRateHz, copy);
    }

    static Beats wrap(double samplingRateHz, int[] sampleIndices) {
        return new Beats(samplingRateHz, sampleIndices);
    }

    public double samplingRateHz() {
        return samplingRateHz;
    }

    public int count() {
        return sampleIndices.length;
    }

    public int sampleIndex(int beat) {
        return sampleIndices[beat];
    }

    public double timeMs(int beat) {
        return sampleIndices[beat] * 1000.0 / samplingRateHz;
    }

    public int[] sampleIndices() {
        return sampleIndices.clone();
    }

    /** RR intervals in milliseconds ({@code count() - 1} values). */
    public double[] rrIntervalsMs() {
        double[] rr = new double[Math.max(0, sampleIndices.length - 1)];
        for (int i = 1; i < sampleIndices.length; i++) {
            rr[i - 1] = (sampleIndices[i] - sampleIndices[i - 1]) * 1000.0 / samplingRateHz;
        }
        return rr;
    }

    /** Beats with {@code fromSample <= index < toSample}. */
    public Beats between(int fromSample, int toSample) {
        int from = lowerBound(fromSample);
        int to = lowerBound(toSample);
        return new Beats(samplingRateHz, Arrays.copyOfRange(sampleIndices, from, to));
    }

    private int lowerBound(int sample) {
        int at = Arrays.binarySearch(sampleIndices, sample);
        return at >= 0 ? at : -at - 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Beats b && b.samplingRateHz == samplingRateHz
                && Arrays.equals(b.sampleIndices, sampleIndices);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(samplingRateHz) * 31 + Arrays.hashCode(sampleIndices);
    }

    @Override
    public String toString() {
        return "Beats[" + sampleIndices.length + " at " + samplingRateHz + " Hz]";
    }
}
