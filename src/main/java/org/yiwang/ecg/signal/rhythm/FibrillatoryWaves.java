package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Atrial activity left after QRST cancellation: the median beat (P wave, QRS and T wave, aligned on the beat
 * fiducial) is scaled to each beat and subtracted, so what stays is the activity that is not locked to the
 * ventricular beats: fibrillatory waves (and noise). A P wave, being locked to the QRS, is cancelled with it; a
 * previous T wave in the P window is cancelled as part of the previous beat. Pure and deterministic.
 *
 * @param bandShare        share of the residual's 1–40 Hz power that lies in the 4–9 Hz fibrillatory band
 * @param dominantHz       dominant frequency of the residual between 3 and 12 Hz (NaN when not measured)
 * @param organisation     power within ±1 Hz of the dominant frequency over the 3–12 Hz power (concentration)
 * @param residualRatio    RMS of the residual's 4–9 Hz band between the QRS complexes over the template's QRS
 *                         amplitude
 * @param pWaveProminence  amplitude of the template's P wave over the RMS of the residual in the same window: a
 *                         QRS-locked P wave stands out of the residual, fibrillatory waves cancel in the median
 */
public record FibrillatoryWaves(double bandShare, double dominantHz, double organisation, double residualRatio,
        double pWaveProminence, double tqWaveRatio, double tqWaveToNoise) {

    /** Template window around the beat fiducial. */
    static final double BEFORE_MS = 300;
    static final double AFTER_MS = 500;
    /** QRS part of the template, used for scaling and blanked in the residual. */
    static final double QRS_HALF_MS = 60;
    /** P-wave window of the template, before the fiducial. */
    static final double P_FROM_MS = 280;
    static final double P_TO_MS = 80;
    /** Welch segment length (samples, power of two) is the largest not exceeding this duration. */
    static final double SEGMENT_S = 2.0;

    public static FibrillatoryWaves unknown() {
        return new FibrillatoryWaves(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Measures the residual of one lead (microvolts) with the given beats (samples, ascending). */
    public static FibrillatoryWaves measure(int[] x, int[] beats, BeatType[] types, double fs) {
        int before = (int) Math.round(BEFORE_MS * fs / 1000);
        int after = (int) Math.round(AFTER_MS * fs / 1000);
        int length = before + after + 1;
        int n = x.length;
        if (beats.length < 4 || n < fs * 4) {
            return unknown();
        }
        double[] y = highPass(x, fs);
        double[][] windows = new double[beats.length][];
        int usable = 0;
        for (int i = 0; i < beats.length; i++) {
            if ((types != null && types[i] != BeatType.NORMAL) || beats[i] - before < 0 || beats[i] + after >= n) {
                continue;
            }
            windows[i] = Arrays.copyOfRange(y, beats[i] - before, beats[i] + after + 1);
            usable++;
        }
        if (usable < 3) {
            return unknown();
        }
        double[] template = BeatMorphology.medianTemplate(windows, length);
        int qrsHalf = (int) Math.round(QRS_HALF_MS * fs / 1000);
        double qrsEnergy = 0;
        double qrsMin = Double.MAX_VALUE;
        double qrsMax = -Double.MAX_VALUE;
        for (int k = before - qrsHalf; k <= before + qrsHalf; k++) {
            qrsEnergy += template[k] * template[k];
            qrsMin = Math.min(qrsMin, template[k]);
            qrsMax = Math.max(qrsMax, template[k]);
        }
        if (qrsEnergy <= 0) {
            return unknown();
        }
        // Residual: each sample is explained by the template of the beat it belongs to (the QRST of the beat
        // before it until the next beat's P window starts, the next beat's template from there).
        double[] residual = y.clone();
        boolean[] blank = new boolean[n];
        double[] scale = new double[beats.length];
        for (int i = 0; i < beats.length; i++) {
            double dot = 0;
            for (int k = -qrsHalf; k <= qrsHalf; k++) {
                int t = beats[i] + k;
                if (t >= 0 && t < n) {
                    dot += y[t] * template[before + k];
                }
            }
            scale[i] = Math.max(0.5, Math.min(1.5, dot / qrsEnergy));
            boolean dominant = types == null || types[i] == BeatType.NORMAL;
            if (!dominant) {
                scale[i] = 0;
            }
        }
        for (int i = 0; i < beats.length; i++) {
            int previous = i == 0 ? Integer.MIN_VALUE / 2 : beats[i - 1];
            int next = i == beats.length - 1 ? Integer.MAX_VALUE / 2 : beats[i + 1];
            int from = Math.max(Math.max(0, beats[i] - before), previous + Math.min(after, (beats[i] - previous) / 2));
            int to = Math.min(Math.min(n - 1, beats[i] + after), next - Math.min(before, (next - beats[i]) / 2));
            boolean dominant = types == null || types[i] == BeatType.NORMAL;
            for (int t = from; t <= to; t++) {
                if (dominant) {
                    residual[t] = y[t] - scale[i] * template[t - beats[i] + before];
                }
                if (Math.abs(t - beats[i]) <= qrsHalf || !dominant && t - beats[i] <= after && t >= beats[i] - qrsHalf) {
                    blank[t] = true;
                }
            }
        }
        // Bridge the blanked QRS stretches linearly, so their cancellation errors do not enter the spectrum.
        int t = 0;
        while (t < n) {
            if (!blank[t]) {
                t++;
                continue;
            }
            int start = t;
            while (t < n && blank[t]) {
                t++;
            }
            double a = start > 0 ? residual[start - 1] : (t < n ? residual[t] : 0);
            double b = t < n ? residual[t] : a;
            for (int k = start; k < t; k++) {
                residual[k] = a + (b - a) * (k - start + 1) / (t - start + 1);
            }
        }
        int first = Math.max(0, beats[0] - before);
        int last = Math.min(n - 1, beats[beats.length - 1] + after);
        double[] segment = Arrays.copyOfRange(residual, first, last + 1);
        int size = Integer.highestOneBit((int) Math.max(64, Math.min(segment.length, SEGMENT_S * fs)));
        double[] power = welch(segment, size);
        double binHz = fs / size;
        double total = bandPower(power, binHz, 1, 40);
        double band = bandPower(power, binHz, 4, 9);
        double atrial = bandPower(power, binHz, 3, 12);
        int peak = -1;
        for (int k = (int) Math.ceil(4 / binHz); k <= Math.min(power.length - 1, (int) Math.floor(10 / binHz)); k++) {
            if (peak < 0 || power[k] * k * k > power[peak] * peak * peak) {
                peak = k;
            }
        }
        double dominantHz = peak < 0 ? Double.NaN : peak * binHz;
        double organisation = atrial > 0 && peak >= 0
                ? bandPower(power, binHz, dominantHz - 1, dominantHz + 1) / atrial : Double.NaN;
        double bandShare = total > 0 ? band / total : Double.NaN;
        // Band-limited residual amplitude, relative to the QRS amplitude (gain and lead independent).
        double bandRms = Math.sqrt(band * 2 / size);
        double residualRatio = bandRms / Math.max(1e-9, qrsMax - qrsMin);
        // P wave: range of the template in its window against the RMS of the residual in the same window.
        int pFrom = before - (int) Math.round(P_FROM_MS * fs / 1000);
        int pTo = before - (int) Math.round(P_TO_MS * fs / 1000);
        double pMin = Double.MAX_VALUE;
        double pMax = -Double.MAX_VALUE;
        for (int k = pFrom; k <= pTo; k++) {
            double v = template[k] - (template[pFrom] + (template[pTo] - template[pFrom]) * (k - pFrom) / (pTo - pFrom));
            pMin = Math.min(pMin, v);
            pMax = Math.max(pMax, v);
        }
        double squares = 0;
        int count = 0;
        for (int i = 1; i < beats.length; i++) {
            if (scale[i] == 0 || beats[i] - before < beats[i - 1]) {
                continue;
            }
            for (int k = pFrom; k <= pTo; k++) {
                double v = residual[beats[i] - before + k];
                squares += v * v;
                count++;
            }
        }
        double pWaveProminence = count == 0 ? Double.NaN
                : Math.min(20, (pMax - pMin) / Math.max(5, Math.sqrt(squares / count)));
        // Between the T wave's end and the next QRS: 3–15 Hz activity (difference of moving averages) against
        // the faster activity (noise, muscle) in the same stretches.
        double[] fast = movingAverage(residual, (int) Math.round(0.016 * fs));
        double[] slow = movingAverage(residual, (int) Math.round(0.1 * fs));
        double waveSquares = 0;
        double noiseSquares = 0;
        int tqCount = 0;
        for (int i = 1; i < beats.length; i++) {
            int rr = beats[i] - beats[i - 1];
            int from = beats[i - 1] + Math.max(qrsHalf, Math.min((int) Math.round(0.4 * fs), (int) Math.round(0.6 * rr)));
            int to = beats[i] - qrsHalf;
            for (int k = from; k < to; k++) {
                double w = fast[k] - slow[k];
                double e = residual[k] - fast[k];
                waveSquares += w * w;
                noiseSquares += e * e;
                tqCount++;
            }
        }
        double tqWaveRatio = tqCount < fs ? Double.NaN
                : Math.sqrt(waveSquares / tqCount) / Math.max(1e-9, qrsMax - qrsMin);
        double tqWaveToNoise = tqCount < fs ? Double.NaN
                : Math.sqrt(waveSquares / Math.max(1e-9, noiseSquares + tqCount));
        return new FibrillatoryWaves(bandShare, dominantHz, organisation, residualRatio, pWaveProminence, tqWaveRatio,
                tqWaveToNoise);
    }

    /** Centred moving average over 2 half + 1 samples (shorter at the edges). */
    static double[] movingAverage(double[] x, int half) {
        int n = x.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(n - 1, i + half);
            y[i] = (prefix[to + 1] - prefix[from]) / (to - from + 1);
        }
        return y;
    }

    /** Removes baseline wander: signal minus its 400 ms centred moving average (high pass near 1 Hz). */
    static double[] highPass(int[] x, double fs) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        double[] baseline = movingAverage(y, (int) Math.round(0.2 * fs));
        for (int i = 0; i < y.length; i++) {
            y[i] -= baseline[i];
        }
        return y;
    }

    /** Welch power spectrum (Hann window, half-overlapping segments of {@code size} samples): bins 0..size/2. */
    static double[] welch(double[] x, int size) {
        double[] power = new double[size / 2 + 1];
        double[] window = new double[size];
        for (int k = 0; k < size; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / size);
        }
        double[] re = new double[size];
        double[] im = new double[size];
        int segments = 0;
        for (int start = 0; start + size <= x.length; start += size / 2) {
            double mean = 0;
            for (int k = 0; k < size; k++) {
                mean += x[start + k];
            }
            mean /= size;
            for (int k = 0; k < size; k++) {
                re[k] = (x[start + k] - mean) * window[k];
                im[k] = 0;
            }
            fft(re, im);
            for (int k = 0; k <= size / 2; k++) {
                power[k] += re[k] * re[k] + im[k] * im[k];
            }
            segments++;
        }
        if (segments > 0) {
            for (int k = 0; k < power.length; k++) {
                power[k] /= segments * 0.375 * size; // Hann window power
            }
        }
        return power;
    }

    static double bandPower(double[] power, double binHz, double fromHz, double toHz) {
        double sum = 0;
        for (int k = Math.max(0, (int) Math.ceil(fromHz / binHz)); k <= Math.min(power.length - 1, (int) Math.floor(toHz / binHz)); k++) {
            sum += power[k];
        }
        return sum;
    }

    /** In-place iterative radix-2 FFT; the length must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                double ti = im[i];
                im[i] = im[j];
                im[j] = ti;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }
}
