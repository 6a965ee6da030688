package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: synthetic 12-lead ECGs built from Gaussian P, Q, R, S and T waves with known fiducial points,
 * so that rhythm, delineation and ST tests know the truth. Randomness only through a fixed seed.
 */
public final class Waveforms {

    public static final List<String> LEADS = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4",
            "V5", "V6");

    /** Wave amplitudes per lead (µV): P, Q, R, S, T. */
    static final double[][] AMPLITUDES = {
            { 80, -50, 800, -100, 200 }, // I
            { 120, -60, 1200, -150, 300 }, // II
            { 50, -30, 500, -100, 120 }, // III
            { -100, 0, -900, 80, -250 }, // aVR
            { 30, -20, 400, -200, 80 }, // aVL
            { 90, -50, 850, -120, 200 }, // aVF
            { 60, 0, 200, -900, -100 }, // V1
            { 70, 0, 400, -1200, 400 }, // V2
            { 70, -20, 700, -800, 450 }, // V3
            { 70, -40, 1200, -500, 400 }, // V4
            { 70, -60, 1300, -300, 350 }, // V5
            { 70, -60, 1000, -200, 250 }, // V6
    };

    /** Timing of the synthetic beat (ms relative to the R peak) and its true fiducial points. */
    public static final double P_CENTRE_MS = -160;
    public static final double P_SIGMA_MS = 18;
    public static final double Q_CENTRE_MS = -28;
    public static final double R_SIGMA_MS = 9;
    public static final double S_CENTRE_MS = 28;
    public static final double T_CENTRE_MS = 300;
    public static final double T_SIGMA_MS = 40;
    /**
     * Onset/offset of a Gaussian wave taken at 2 sigma; for the T wave this is also where the tangent at the
     * steepest descent (peak + sigma) meets the baseline, the clinical definition of T end.
     */
    public static final double TRUE_P_ONSET_MS = P_CENTRE_MS - 2 * P_SIGMA_MS;
    public static final double TRUE_QRS_ONSET_MS = Q_CENTRE_MS - 2 * 7;
    public static final double TRUE_QRS_OFFSET_MS = S_CENTRE_MS + 2 * 7;
    public static final double TRUE_T_END_MS = T_CENTRE_MS + 2 * T_SIGMA_MS;

    public final double samplingRateHz;
    public final double durationMs;
    private final double[][] signal;
    private final List<Double> beatTimesMs = new ArrayList<>();
    private final Random random;

    public Waveforms(double samplingRateHz, double durationMs, long seed) {
        this.samplingRateHz = samplingRateHz;
        this.durationMs = durationMs;
        this.signal = new double[LEADS.size()][(int) Math.round(durationMs * samplingRateHz / 1000)];
        this.random = new Random(seed);
    }

    /** Evenly spaced beat times at a rate, starting at 400 ms. */
    public static double[] regularBeats(double rateBpm, double durationMs) {
        List<Double> times = new ArrayList<>();
        for (double t = 400; t < durationMs - 500; t += 60_000 / rateBpm) {
            times.add(t);
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Beat times with RR intervals drawn uniformly around a mean (atrial-fibrillation-like). */
    public static double[] irregularBeats(double meanRrMs, double spread, double durationMs, long seed) {
        Random r = new Random(seed);
        List<Double> times = new ArrayList<>();
        for (double t = 400; t < durationMs - 500; t += meanRrMs * (1 + spread * (2 * r.nextDouble() - 1))) {
            times.add(t);
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A normal beat (with P wave unless {@code withP} is false) and an ST offset per lead (µV, may be null). */
    public Waveforms normalBeat(double rPeakMs, boolean withP, double[] stOffsetMicrovolts) {
        beatTimesMs.add(rPeakMs);
        for (int lead = 0; lead < LEADS.size(); lead++) {
            double[] a = AMPLITUDES[lead];
            if (withP) {
                gaussian(lead, rPeakMs + P_CENTRE_MS, P_SIGMA_MS, a[0]);
            }
            gaussian(lead, rPeakMs + Q_CENTRE_MS, 7, a[1]);
            gaussian(lead, rPeakMs, R_SIGMA_MS, a[2]);
            gaussian(lead, rPeakMs + S_CENTRE_MS, 7, a[3]);
            gaussian(lead, rPeakMs + T_CENTRE_MS, T_SIGMA_MS, a[4]);
            if (stOffsetMicrovolts != null && stOffsetMicrovolts[lead] != 0) {
                stSegment(lead, rPeakMs, stOffsetMicrovolts[lead]);
            }
        }
        return this;
    }

    /** A wide ventricular beat: no P wave, broad QRS, discordant T. */
    public Waveforms ventricularBeat(double rPeakMs) {
        return ventricularBeat(rPeakMs, 600);
    }

    /**
     * A wide ventricular beat whose repolarisation follows the rate: the T wave's timing and width scale with the
     * square root of the cycle length (as the QT interval does, Bazett), {@link #ventricularBeat(double)} at 600 ms
     * (100/min); at 430 ms (140/min) the T wave peaks 237 ms after the R peak and ends about 340 ms after it.
     */
    public Waveforms ventricularBeat(double rPeakMs, double cycleMs) {
        beatTimesMs.add(rPeakMs);
        double qtScale = Math.sqrt(cycleMs / 600);
        for (int lead = 0; lead < LEADS.size(); lead++) {
            double[] a = AMPLITUDES[lead];
            double sign = a[2] + a[3] >= 0 ? 1 : -1;
            gaussian(lead, rPeakMs, 22, -sign * 1400);
            gaussian(lead, rPeakMs + 50, 18, sign * 500);
            gaussian(lead, rPeakMs + 280 * qtScale, 60 * qtScale, sign * 350);
        }
        return this;
    }

    /**
     * A sinus beat conducted with bundle branch block: the P wave of a normal beat ({@link #P_CENTRE_MS} before the
     * R peak) followed by the wide QRS and discordant T of {@link #ventricularBeat}.
     */
    public Waveforms bundleBranchBlockBeat(double rPeakMs) {
        return bundleBranchBlockBeat(rPeakMs, 600);
    }

    /** As {@link #bundleBranchBlockBeat(double)} with the T wave of {@link #ventricularBeat(double, double)}. */
    public Waveforms bundleBranchBlockBeat(double rPeakMs, double cycleMs) {
        for (int lead = 0; lead < LEADS.size(); lead++) {
            gaussian(lead, rPeakMs + P_CENTRE_MS, P_SIGMA_MS, AMPLITUDES[lead][0]);
        }
        return ventricularBeat(rPeakMs, cycleMs);
    }

    /**
     * Sinus P waves at their own rate from {@code firstMs}, not conducted (atrioventricular dissociation, as in
     * ventricular tachycardia): they fall anywhere in the cycle of the beats drawn separately.
     */
    public Waveforms dissociatedPWaves(double atrialRateBpm, double firstMs) {
        for (double t = firstMs; t < durationMs; t += 60_000 / atrialRateBpm) {
            for (int lead = 0; lead < LEADS.size(); lead++) {
                gaussian(lead, t, P_SIGMA_MS, AMPLITUDES[lead][0]);
            }
        }
        return this;
    }

    public Waveforms normalBeats(double[] times, boolean withP) {
        for (double t : times) {
            normalBeat(t, withP, null);
        }
        return this;
    }

    /** Fibrillatory waves: a sum of drifting sinusoids between 5 and 8 Hz. */
    public Waveforms fibrillatoryWaves(double amplitudeMicrovolts) {
        double[] freq = { 5.3, 6.1, 6.9, 7.7 };
        double[] phase = { random.nextDouble() * 6.28, random.nextDouble() * 6.28, random.nextDouble() * 6.28,
                random.nextDouble() * 6.28 };
        for (int lead = 0; lead < LEADS.size(); lead++) {
            for (int i = 0; i < signal[lead].length; i++) {
                double t = i / samplingRateHz;
                double v = 0;
                for (int k = 0; k < freq.length; k++) {
                    v += Math.sin(2 * Math.PI * freq[k] * t + phase[k] + 0.8 * Math.sin(0.7 * t + k)) / 2;
                }
                signal[lead][i] += amplitudeMicrovolts * v;
            }
        }
        return this;
    }

    /** Flutter waves: a negative sawtooth at the atrial rate, in all leads (strongest in the inferior ones). */
    public Waveforms flutterWaves(double atrialRateBpm, double amplitudeMicrovolts) {
        double period = 60.0 / atrialRateBpm;
        for (int lead = 0; lead < LEADS.size(); lead++) {
            double gain = lead == 1 || lead == 2 || lead == 5 ? 1 : 0.5;
            for (int i = 0; i < signal[lead].length; i++) {
                double phase = (i / samplingRateHz % period) / period; // 0..1
                double saw = phase < 0.8 ? -phase / 0.8 : -1 + (phase - 0.8) / 0.2;
                signal[lead][i] += gain * amplitudeMicrovolts * (saw + 0.5);
            }
        }
        return this;
    }

    /** Mains interference: a sinusoid at {@code mainsHz}, its phase and amplitude varying by lead as on a real cart. */
    public Waveforms powerline(double mainsHz, double amplitudeMicrovolts) {
        for (double[] x : signal) {
            double phase = random.nextDouble() * 2 * Math.PI;
            double gain = 0.6 + 0.8 * random.nextDouble();
            for (int i = 0; i < x.length; i++) {
                x[i] += gain * amplitudeMicrovolts * Math.sin(2 * Math.PI * mainsHz * i / samplingRateHz + phase);
            }
        }
        return this;
    }

    /** White noise on one lead. */
    public Waveforms noise(String lead, double rmsMicrovolts) {
        double[] x = signal[LEADS.indexOf(lead)];
        for (int i = 0; i < x.length; i++) {
            x[i] += rmsMicrovolts * random.nextGaussian();
        }
        return this;
    }

    /** Electrode-motion artefact on one lead between two times: large swings at 3–15 Hz, in the QRS band. */
    public Waveforms motionArtefact(String lead, double amplitudeMicrovolts, double fromMs, double toMs) {
        double[] x = signal[LEADS.indexOf(lead)];
        int from = (int) Math.max(0, fromMs * samplingRateHz / 1000);
        int to = (int) Math.min(x.length, toMs * samplingRateHz / 1000);
        double[] freq = { 3.1, 5.3, 8.9, 12.7 };
        double[] phase = { random.nextDouble() * 6.28, random.nextDouble() * 6.28, random.nextDouble() * 6.28,
                random.nextDouble() * 6.28 };
        for (int i = from; i < to; i++) {
            double t = i / samplingRateHz;
            for (int k = 0; k < freq.length; k++) {
                x[i] += amplitudeMicrovolts / 2 * Math.sin(2 * Math.PI * freq[k] * t + phase[k]);
            }
        }
        return this;
    }

    /** Mild noise and baseline wander on all leads, as on a real recording. */
    public Waveforms realisticNoise() {
        for (double[] x : signal) {
            for (int i = 0; i < x.length; i++) {
                x[i] += 8 * random.nextGaussian() + 40 * Math.sin(2 * Math.PI * 0.2 * i / samplingRateHz);
            }
        }
        return this;
    }

    public double[] beatTimesMs() {
        return beatTimesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public int[] beatSamples() {
        return Arrays.stream(beatTimesMs()).mapToInt(t -> (int) Math.round(t * samplingRateHz / 1000)).toArray();
    }

    /** Samples in microvolts, [lead][sample]. */
    public int[][] microvolts() {
        int[][] out = new int[signal.length][];
        for (int lead = 0; lead < signal.length; lead++) {
            out[lead] = Arrays.stream(signal[lead]).mapToInt(v -> (int) Math.round(v)).toArray();
        }
        return out;
    }

    public int[] lead(String name) {
        return microvolts()[LEADS.indexOf(name)];
    }

    /** ST offsets (µV) for the given leads, zero elsewhere. */
    public static double[] stOffsets(double microvolts, String... leads) {
        double[] offsets = new double[LEADS.size()];
        for (String lead : leads) {
            offsets[LEADS.indexOf(lead)] = microvolts;
        }
        return offsets;
    }

    private void gaussian(int lead, double centreMs, double sigmaMs, double amplitude) {
        double[] x = signal[lead];
        int from = Math.max(0, (int) ((centreMs - 5 * sigmaMs) * samplingRateHz / 1000));
        int to = Math.min(x.length - 1, (int) ((centreMs + 5 * sigmaMs) * samplingRateHz / 1000));
        for (int i = from; i <= to; i++) {
            double t = i * 1000 / samplingRateHz - centreMs;
            x[i] += amplitude * Math.exp(-t * t / (2 * sigmaMs * sigmaMs));
        }
    }

    /** A plateau from the J point into the T wave. */
    private void stSegment(int lead, double rPeakMs, double offset) {
        double[] x = signal[lead];
        int from = Math.max(0, (int) ((rPeakMs + 10) * samplingRateHz / 1000));
        int to = Math.min(x.length - 1, (int) ((rPeakMs + 450) * samplingRateHz / 1000));
        for (int i = from; i <= to; i++) {
            double t = i * 1000 / samplingRateHz - rPeakMs;
            double rise = 1 / (1 + Math.exp(-(t - TRUE_QRS_OFFSET_MS + 5) / 4));
            double fall = 1 / (1 + Math.exp(-(t - (T_CENTRE_MS + 40)) / 20));
            x[i] += offset * rise * (1 - fall);
        }
    }
}
