package org.yiwang.ecg.signal;

/**
 * The QRS-emphasising features of one lead, all centred (no delay): a 25 ms moving-sum low-pass, a ±10 ms
 * difference of it (a 5–25 Hz band-pass slope) and a ~90 ms moving sum of the absolute slope (QRS energy).
 * Integer arithmetic except the energy; linear in the number of samples.
 */
final class LeadFeatures {

    /** Input beyond ±200 mV is clipped (no ECG is that large) so the integer sums cannot overflow. */
    private static final int CLIP_MICROVOLTS = 200_000;

    final int lowPassHalf;
    final int slopeHalf;
    final int energyHalf;
    /** Moving sum (2 × lowPassHalf + 1 samples) of the input. */
    final int[] lowPass;
    /** |lowPass[i + slopeHalf] − lowPass[i − slopeHalf]|. */
    final int[] absSlope;
    /** Moving sum (2 × energyHalf + 1 samples) of absSlope. */
    final float[] energy;

    private LeadFeatures(int lowPassHalf, int slopeHalf, int energyHalf, int[] lowPass, int[] absSlope,
            float[] energy) {
        this.lowPassHalf = lowPassHalf;
        this.slopeHalf = slopeHalf;
        this.energyHalf = energyHalf;
        this.lowPass = lowPass;
        this.absSlope = absSlope;
        this.energy = energy;
    }

    static LeadFeatures compute(int[] x, double samplingRateHz) {
        int n = x.length;
        int lowPassHalf = Math.max(1, (int) Math.round(samplingRateHz * 0.0125));
        int slopeHalf = Math.max(1, (int) Math.round(samplingRateHz * 0.010));
        int energyHalf = Math.max(2, (int) Math.round(samplingRateHz * 0.045));
        if (n == 0) {
            return new LeadFeatures(lowPassHalf, slopeHalf, energyHalf, new int[0], new int[0], new float[0]);
        }

        int[] lowPass = new int[n];
        int sum = 0;
        for (int j = -lowPassHalf; j <= lowPassHalf; j++) {
            sum += clip(x[clamp(j, n)]);
        }
        for (int i = 0; i < n; i++) {
            lowPass[i] = sum;
            sum += clip(x[Math.min(i + 1 + lowPassHalf, n - 1)]) - clip(x[Math.max(i - lowPassHalf, 0)]);
        }

        int[] absSlope = new int[n];
        for (int i = 0; i < n; i++) {
            int d = lowPass[Math.min(i + slopeHalf, n - 1)] - lowPass[Math.max(i - slopeHalf, 0)];
            absSlope[i] = d < 0 ? -d : d;
        }

        float[] energy = new float[n];
        long total = 0;
        for (int j = -energyHalf; j <= energyHalf; j++) {
            total += absSlope[clamp(j, n)];
        }
        for (int i = 0; i < n; i++) {
            energy[i] = total;
            total += absSlope[Math.min(i + 1 + energyHalf, n - 1)] - absSlope[Math.max(i - energyHalf, 0)];
        }
        return new LeadFeatures(lowPassHalf, slopeHalf, energyHalf, lowPass, absSlope, energy);
    }

    private static int clip(int v) {
        return v > CLIP_MICROVOLTS ? CLIP_MICROVOLTS : Math.max(v, -CLIP_MICROVOLTS);
    }

    static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }

    /** Mean of {@code energy} per block of {@code blockSamples}. */
    float[] blockMeans(int blockSamples) {
        int blocks = (energy.length + blockSamples - 1) / blockSamples;
        float[] means = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * blockSamples;
            int to = Math.min(energy.length, from + blockSamples);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += energy[i];
            }
            means[b] = (float) (sum / (to - from));
        }
        return means;
    }

    /** Maximum of {@code energy} per block of {@code blockSamples}. */
    float[] blockMaxima(int blockSamples) {
        int blocks = (energy.length + blockSamples - 1) / blockSamples;
        float[] maxima = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * blockSamples;
            int to = Math.min(energy.length, from + blockSamples);
            float max = 0;
            for (int i = from; i < to; i++) {
                if (energy[i] > max) {
                    max = energy[i];
                }
            }
            maxima[b] = max;
        }
        return maxima;
    }
}
