package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yiwang.ecg.signal.Biquad;

/**
 * Measures atrial activity on one lead: whether a consistent P wave precedes each QRS, and whether a periodic
 * atrial wave (flutter) runs between the QRS complexes.
 */
public final class AtrialActivityAnalyser {

    /** The P-wave search window before the beat fiducial. */
    static final double P_WINDOW_START_MS = 300;
    static final double P_WINDOW_END_MS = 70;
    /** Amplitude at which a consistent P template counts fully. */
    static final double FULL_P_AMPLITUDE_UV = 60;
    /** Longest stretch of signal examined for flutter waves. */
    static final double FLUTTER_ANALYSIS_MS = 20_000;
    /** Upper edge of the band in which flutter waves are looked for (their fundamental is 4–6.5 Hz). */
    static final double FLUTTER_BAND_HZ = 20;
    /** The QRS is blanked this much beyond its onset and offset on the median beat. */
    static final double QRS_BLANKING_MARGIN_MS = 20;
    /** How far from the fiducial the QRS extent is looked for, and the slope fraction that bounds it. */
    static final double QRS_SEARCH_MS = 200;
    static final double QRS_SLOPE_FRACTION = 0.25;
    /** Beats averaged into the median beat that bounds the QRS. */
    static final int MAXIMUM_TEMPLATE_BEATS = 40;
    /** A stretch counts as isoelectric while the flutter-band signal stays within this range. */
    static final double ISOELECTRIC_RANGE_MICROVOLTS = 30;
    /** Only this much of a long interval between beats is searched for an isoelectric stretch. */
    static final double ISOELECTRIC_LONGEST_INTERVAL_MS = 1500;
    /** Upper edge of the band in which P waves are sought for atrioventricular association (P waves: 0.5-15 Hz). */
    static final double P_BAND_HZ = 20;
    /** A P wave's peak lies at most this long before the beat fiducial (PR interval with a wide QRS's onset). */
    static final double PR_LONGEST_MS = 280;
    /** Each beat's P peak lies within this of the median beat's: the PR interval is constant. */
    static final double PR_TOLERANCE_MS = 20;
    /** Beats examined for atrioventricular association (a regular tachycardia shows it within a minute). */
    static final int MAXIMUM_ASSOCIATION_BEATS = 120;
    /** Cycles whose length differs more than this share from the median are left out of the median cycle. */
    static final double CYCLE_LENGTH_TOLERANCE = 0.15;

    private AtrialActivityAnalyser() {
    }

    /** Atrial activity on one lead: P waves and flutter waves both measured on it. */
    public static AtrialActivity analyse(int[] samplesMicrovolts, int[] beatSamples, BeatType[] types,
            double samplingRateHz) {
        return analyse(samplesMicrovolts, new int[][] { samplesMicrovolts }, beatSamples, types, samplingRateHz);
    }

    /**
     * Atrial activity with P waves measured on {@code pWaveLead} and flutter waves on {@code flutterLeads} (the
     * leads where atrial waves are largest, e.g. II, III, aVF and V1; all of the same length).
     */
    public static AtrialActivity analyse(int[] pWaveLead, int[][] flutterLeads, int[] beatSamples, BeatType[] types,
            double samplingRateHz) {
        double pEvidence = pWaveEvidence(pWaveLead, beatSamples, types, samplingRateHz);
        double[] flutter = flutterWaves(flutterLeads, beatSamples, samplingRateHz);
        return new AtrialActivity(pEvidence, flutter[0], flutter[1], flutter[2]);
    }

    /**
     * Atrioventricular association: the share of beats preceded by a P wave at a constant PR interval that the
     * previous beat's T wave does not explain. {@link #pWaveEvidence} cannot tell this in a regular tachycardia with a
     * wide QRS: its window before each beat holds the previous beat's T wave, which is as consistent from beat to beat
     * as a P wave (a monomorphic VT scores as high as sinus tachycardia with bundle branch block), and at 120-150/min
     * the P wave rides on the T wave's descent, a shoulder rather than a hump of its own.
     * <p>
     * The lead is low-passed to {@link #P_BAND_HZ} (mains hum and muscle noise go) and the median cycle is taken over
     * the cycles of regular length, aligned on the beat that ends them. From the previous QRS offset to this QRS onset
     * it is fitted (least squares) once with a T wave alone (a smooth hump, steeper on either side as it may be: a
     * Gaussian of its own width on each side of its peak, on a constant baseline) and once with a P wave as well (a
     * Gaussian {@link #P_SIGMA_MIN_MS}-{@link #P_SIGMA_MAX_MS} wide peaking at most {@link #PR_LONGEST_MS} before the
     * fiducial and after the T wave's peak: nearer the QRS it conducts to than the one before, unlike a retrograde P
     * wave in the ST segment; at most {@link #P_TO_T_WIDTH} of the T wave's width). A P wave shows when its amplitude
     * reaches {@link #P_MINIMUM_AMPLITUDE_UV} and {@link #P_TO_T_AMPLITUDE} of the T wave's and it explains at least
     * {@link #P_EXPLAINED_SHARE} of what the T wave alone leaves unexplained. Each beat's own cycle
     * is then fitted with that T and P shape, the P wave's peak free within {@link #PR_TOLERANCE_MS} of the median
     * cycle's: the beat is associated when its P wave reaches {@link #P_BEAT_AMPLITUDE_SHARE} of the median cycle's,
     * with the same polarity, and {@link #P_TO_T_AMPLITUDE} of its own T wave, away from the ends of that range (a
     * constant PR interval). Dissociated P waves, at
     * their own rate, fall anywhere in the cycle and leave no P wave on the median cycle: 0.
     *
     * @return 0..1; 0 without a P wave on the median cycle; NaN with fewer than three cycles of regular length or no
     *         room between the QRS offset and the next onset
     */
    public static double pWaveAssociation(int[] x, int[] beats, BeatType[] types, double fs) {
        int count = Math.min(beats.length, MAXIMUM_ASSOCIATION_BEATS);
        if (count < 4) {
            return Double.NaN;
        }
        int[] rr = new int[count - 1];
        for (int i = 1; i < count; i++) {
            rr[i - 1] = beats[i] - beats[i - 1];
        }
        Arrays.sort(rr);
        int cycle = rr[rr.length / 2];
        if (cycle > ASSOCIATION_LONGEST_CYCLE_MS * fs / 1000) {
            return Double.NaN;
        }
        int end = Math.min(x.length, beats[count - 1] + 1);
        double[] y = lowPassed(x, end, P_BAND_HZ, fs);
        int[] extent = qrsExtent(y, Arrays.copyOf(beats, count), fs);
        int margin = (int) Math.round(QRS_BLANKING_MARGIN_MS * fs / 1000);
        int from = extent[1] + margin;
        int to = cycle - Math.max(extent[0] + margin, (int) Math.round(P_WINDOW_END_MS * fs / 1000));
        int prLongest = cycle - (int) Math.round(PR_LONGEST_MS * fs / 1000);
        if (to - Math.max(from, prLongest) < Math.round(4 * P_SIGMA_MIN_MS * fs / 1000)) {
            return Double.NaN;
        }
        double[][] cycles = new double[count][];
        int usable = 0;
        for (int i = 1; i < count; i++) {
            int length = beats[i] - beats[i - 1];
            if (types != null && (types[i] != BeatType.NORMAL || types[i - 1] != BeatType.NORMAL)
                    || beats[i] - cycle < 0 || Math.abs(length - cycle) > CYCLE_LENGTH_TOLERANCE * cycle) {
                continue;
            }
            cycles[i] = Arrays.copyOfRange(y, beats[i] - cycle + from, beats[i] - cycle + to + 1);
            usable++;
        }
        if (usable < 3) {
            return Double.NaN;
        }
        double[] full = BeatMorphology.medianTemplate(cycles, to - from + 1);
        // the fit starts where the QRS's last deflection has died down and the T wave begins: the first turn of the
        // median cycle after the QRS offset
        int start = 1;
        while (start < full.length - 1
                && Math.signum(full[start] - full[start - 1]) == Math.signum(full[start + 1] - full[start])) {
            start++;
        }
        if (full.length - start < Math.round(4 * P_SIGMA_MIN_MS * fs / 1000)) {
            return Double.NaN;
        }
        double[] template = Arrays.copyOfRange(full, start, full.length);
        for (int i = 0; i < cycles.length; i++) {
            if (cycles[i] != null) {
                cycles[i] = Arrays.copyOfRange(cycles[i], start, cycles[i].length);
            }
        }
        from += start;
        double ms = fs / 1000;
        WaveFit tOnly = fitWaves(template, ms, -1, -1, null);
        if (tOnly == null) {
            return Double.NaN;
        }
        int pFrom = Math.max(tOnly.tPeak + 1, prLongest - from);
        WaveFit withP = fitWaves(template, ms, pFrom, template.length - 1, tOnly);
        if (withP == null || Math.abs(withP.pAmplitude) < P_MINIMUM_AMPLITUDE_UV
                || Math.abs(withP.pAmplitude) < P_TO_T_AMPLITUDE * Math.abs(withP.tAmplitude)
                || withP.residual > (1 - P_EXPLAINED_SHARE) * tOnly.residual) {
            return 0;
        }
        int tolerance = (int) Math.round(PR_TOLERANCE_MS * ms);
        int associated = 0;
        for (double[] c : cycles) {
            if (c == null) {
                continue;
            }
            WaveFit own = fitWaves(c, ms, withP.pPeak - tolerance, withP.pPeak + tolerance, withP, true);
            if (own != null && own.pPeak > withP.pPeak - tolerance && own.pPeak < withP.pPeak + tolerance
                    && own.pAmplitude * Math.signum(withP.pAmplitude) >= P_BEAT_AMPLITUDE_SHARE
                            * Math.abs(withP.pAmplitude)
                    && Math.abs(own.pAmplitude) >= P_TO_T_AMPLITUDE * Math.abs(own.tAmplitude)) {
                associated++;
            }
        }
        return (double) associated / usable;
    }

    /** A P wave's Gaussian width (sigma) lies between these. */
    static final double P_SIGMA_MIN_MS = 10;
    static final double P_SIGMA_MAX_MS = 25;
    /** Association is measured on tachycardias only: cycles up to this long (100/min). */
    static final double ASSOCIATION_LONGEST_CYCLE_MS = 600;
    /** T wave's Gaussian widths (sigma, each side of its peak) tried, and the steps of the fitting grid. */
    static final double T_SIGMA_MIN_MS = 20;
    static final double T_SIGMA_MAX_MS = 200;
    static final int T_SIGMA_STEPS = 24;
    static final double T_PEAK_STEP_MS = 2;
    /**
     * With a P wave, the T wave's peak is searched this far either side of where it lies without one, and its widths
     * within a factor e^0.4 (1.5) of theirs.
     */
    static final double T_PEAK_REFIT_MS = 32;
    static final double T_SIGMA_REFIT_LOG = 0.4;
    /** A P wave is at most this share of the T wave's narrower width. */
    static final double P_TO_T_WIDTH = 0.6;
    static final int P_SIGMA_STEPS = 4;
    static final double P_PEAK_STEP_MS = 4;
    /** Smallest P-wave amplitude on the median cycle. */
    static final double P_MINIMUM_AMPLITUDE_UV = 20;
    /**
     * A P wave is at least this share of the T wave's amplitude: less is what a T wave's departure from the fitted
     * shape leaves (on synthetic monomorphic VT at 120-150/min, with or without hum, noise or dissociated P waves, the
     * fitted "P wave" is at most 0.22 of the T wave and then explains at most 62 % of the residual; sinus P waves
     * with bundle branch block 0.23-0.41, explaining 75-98 %).
     */
    static final double P_TO_T_AMPLITUDE = 0.2;
    /** Share of the residual of a T-wave-only fit that the P wave must explain. */
    static final double P_EXPLAINED_SHARE = 0.7;
    /** A beat's own P wave reaches at least this share of the median cycle's amplitude. */
    static final double P_BEAT_AMPLITUDE_SHARE = 0.5;

    /**
     * Least-squares fit of baseline + T wave (+ P wave): the T wave's peak, widths, the P wave's peak, width and
     * amplitude, and the residual sum of squares.
     */
    private record WaveFit(int tPeak, double tSigmaLeft, double tSigmaRight, double tAmplitude, int pPeak,
            double pSigma, double pAmplitude, double residual) {
    }

    /**
     * Fits {@code z} with a constant, a T wave (two half-Gaussians meeting at its peak) and, when {@code pFrom >= 0},
     * a Gaussian P wave peaking in {@code pFrom..pTo} after the T wave's peak and narrower than it. The T wave's peak
     * (every {@link #T_PEAK_STEP_MS} anywhere in {@code z}, or within {@link #T_PEAK_REFIT_MS} of {@code near}'s) and
     * widths ({@link #T_SIGMA_MIN_MS}-{@link #T_SIGMA_MAX_MS}, or within a factor of e^{@link #T_SIGMA_REFIT_LOG} of
     * {@code near}'s) and the P wave's peak (every {@link #P_PEAK_STEP_MS}) and width ({@link #P_SIGMA_MIN_MS}-
     * {@link #P_SIGMA_MAX_MS}) are searched on a grid. Null when nothing can be fitted.
     */
    private static WaveFit fitWaves(double[] z, double ms, int pFrom, int pTo, WaveFit near) {
        return fitWaves(z, ms, pFrom, pTo, near, false);
    }

    /**
     * As {@link #fitWaves(double[], double, int, int, WaveFit)}; with {@code keep}, {@code near}'s T wave and P width
     * are kept and only the P wave's peak is searched, sample by sample (one beat's cycle against the median's).
     */
    private static WaveFit fitWaves(double[] z, double ms, int pFrom, int pTo, WaveFit near, boolean keep) {
        WaveFit shape = keep ? near : null;
        int m = z.length;
        boolean withP = pFrom >= 0;
        pFrom = Math.max(0, pFrom);
        pTo = Math.min(m - 1, pTo);
        if (withP && pTo < pFrom) {
            return null;
        }
        double sumZ = 0;
        double sumZz = 0;
        for (double v : z) {
            sumZ += v;
            sumZz += v * v;
        }
        java.util.Map<Double, double[]> tails = new java.util.HashMap<>();
        List<double[]> tWaves = new ArrayList<>();
        List<double[]> tParameters = new ArrayList<>();
        if (shape != null) {
            tWaves.add(halfGaussians(m, shape.tPeak, tail(tails, m, shape.tSigmaLeft * ms),
                    tail(tails, m, shape.tSigmaRight * ms)));
            tParameters.add(new double[] { shape.tPeak, shape.tSigmaLeft, shape.tSigmaRight });
        } else {
            double[] sigmas = geometric(T_SIGMA_MIN_MS, T_SIGMA_MAX_MS, T_SIGMA_STEPS);
            int step = Math.max(1, (int) Math.round(T_PEAK_STEP_MS * ms));
            int reach = (int) Math.round(T_PEAK_REFIT_MS * ms);
            for (int peak = near == null ? 0 : Math.max(0, near.tPeak - reach);
                    peak < (near == null ? m : Math.min(m, near.tPeak + reach + 1)); peak += step) {
                for (double left : sigmas) {
                    for (double right : sigmas) {
                        if (near != null && (Math.abs(Math.log(left / near.tSigmaLeft)) > T_SIGMA_REFIT_LOG
                                || Math.abs(Math.log(right / near.tSigmaRight)) > T_SIGMA_REFIT_LOG)) {
                            continue;
                        }
                        tWaves.add(halfGaussians(m, peak, tail(tails, m, left * ms), tail(tails, m, right * ms)));
                        tParameters.add(new double[] { peak, left, right });
                    }
                }
            }
        }
        List<double[]> pWaves = new ArrayList<>();
        List<double[]> pParameters = new ArrayList<>();
        if (withP) {
            double[] sigmas = shape != null ? new double[] { shape.pSigma }
                    : geometric(P_SIGMA_MIN_MS, P_SIGMA_MAX_MS, P_SIGMA_STEPS);
            int step = shape != null ? 1 : Math.max(1, (int) Math.round(P_PEAK_STEP_MS * ms));
            for (double sigma : sigmas) {
                for (int peak = pFrom; peak <= pTo; peak += step) {
                    double[] g = tail(tails, m, sigma * ms);
                    pWaves.add(halfGaussians(m, peak, g, g));
                    pParameters.add(new double[] { peak, sigma });
                }
            }
        }
        double[][] pSums = new double[pWaves.size()][];
        for (int j = 0; j < pWaves.size(); j++) {
            pSums[j] = sums(pWaves.get(j), z);
        }
        WaveFit best = null;
        double[][] a = new double[3][3];
        double[] b = new double[3];
        for (int i = 0; i < tWaves.size(); i++) {
            double[] t = tWaves.get(i);
            double[] ts = sums(t, z);
            double[] tp = tParameters.get(i);
            a[0][0] = m;
            a[0][1] = a[1][0] = ts[0];
            a[1][1] = ts[1];
            b[0] = sumZ;
            b[1] = ts[2];
            if (!withP) {
                double[] c = LinearSystems.solve(a, b, 2);
                if (c != null) {
                    double residual = sumZz - c[0] * b[0] - c[1] * b[1];
                    if (best == null || residual < best.residual) {
                        best = new WaveFit((int) tp[0], tp[1], tp[2], c[1], -1, Double.NaN, 0, residual);
                    }
                }
                continue;
            }
            for (int j = 0; j < pWaves.size(); j++) {
                double[] p = pWaves.get(j);
                double[] pp = pParameters.get(j);
                if (shape == null && (pp[0] <= tp[0] || pp[1] > P_TO_T_WIDTH * Math.min(tp[1], tp[2]))) {
                    continue; // the T wave comes first and is the wider wave
                }
                double cross = 0;
                for (int k = 0; k < m; k++) {
                    cross += t[k] * p[k];
                }
                a[0][2] = a[2][0] = pSums[j][0];
                a[1][2] = a[2][1] = cross;
                a[2][2] = pSums[j][1];
                b[2] = pSums[j][2];
                double[] c = LinearSystems.solve(a, b, 3);
                if (c == null) {
                    continue;
                }
                double residual = sumZz - c[0] * b[0] - c[1] * b[1] - c[2] * b[2];
                if (best == null || residual < best.residual) {
                    best = new WaveFit((int) tp[0], tp[1], tp[2], c[1], (int) pp[0], pp[1], c[2], residual);
                }
            }
        }
        return best;
    }

    /** {sum of w, sum of w squared, sum of w times z}. */
    private static double[] sums(double[] w, double[] z) {
        double s = 0;
        double ss = 0;
        double sz = 0;
        for (int k = 0; k < w.length; k++) {
            s += w[k];
            ss += w[k] * w[k];
            sz += w[k] * z[k];
        }
        return new double[] { s, ss, sz };
    }

    /**
     * A unit hump peaking at {@code peak}: the Gaussian tail {@code before} ({@link #gaussianTail}) before it and
     * {@code after} after it.
     */
    private static double[] halfGaussians(int m, int peak, double[] before, double[] after) {
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            w[k] = k < peak ? before[peak - k] : after[k - peak];
        }
        return w;
    }

    private static double[] tail(java.util.Map<Double, double[]> tails, int length, double sigma) {
        return tails.computeIfAbsent(sigma, key -> gaussianTail(length, key));
    }

    /** exp(-d^2 / 2 sigma^2) for d = 0..length-1 (one exponential per distance and width, not per sample and shape). */
    private static double[] gaussianTail(int length, double sigma) {
        double[] g = new double[Math.max(1, length)];
        for (int d = 0; d < g.length; d++) {
            double z = d / sigma;
            g[d] = Math.exp(-0.5 * z * z);
        }
        return g;
    }

    private static double[] geometric(double from, double to, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = from * Math.pow(to / from, (double) i / (count - 1));
        }
        return values;
    }

    /**
     * Median pre-QRS segment of the dominant beats, and how well each beat's segment follows it: mean
     * correlation times an amplitude factor. NaN with fewer than three usable beats.
     */
    static double pWaveEvidence(int[] x, int[] beats, BeatType[] types, double fs) {
        if (beats.length < 4) {
            return Double.NaN;
        }
        int[] rr = new int[beats.length - 1];
        for (int i = 1; i < beats.length; i++) {
            rr[i - 1] = beats[i] - beats[i - 1];
        }
        Arrays.sort(rr);
        // The window starts after most of the previous T wave: at most 300 ms, at most half the usual RR.
        int start = (int) Math.round(Math.min(P_WINDOW_START_MS * fs / 1000, 0.5 * rr[rr.length / 2]));
        int end = (int) Math.round(P_WINDOW_END_MS * fs / 1000);
        int length = start - end + 1;
        double[][] segments = new double[beats.length][];
        int usable = 0;
        for (int i = 1; i < beats.length; i++) {
            if (types != null && types[i] != BeatType.NORMAL) {
                continue;
            }
            int from = beats[i] - start;
            if (from < 0 || from < beats[i - 1] + 0.4 * (beats[i] - beats[i - 1])) {
                continue;
            }
            double[] s = new double[length];
            double a = x[from];
            double b = x[from + length - 1];
            for (int k = 0; k < length; k++) {
                s[k] = x[from + k] - (a + (b - a) * k / (length - 1)); // remove the baseline drift across the window
            }
            segments[i] = s;
            usable++;
        }
        if (usable < 3) {
            return Double.NaN;
        }
        double[] template = BeatMorphology.medianTemplate(segments, length);
        double amplitude = Arrays.stream(template).map(Math::abs).max().orElse(0);
        double sum = 0;
        for (double[] s : segments) {
            if (s != null) {
                sum += Math.max(0, BeatMorphology.correlation(s, template));
            }
        }
        double consistency = sum / usable;
        return Math.min(1, consistency * Math.min(1, amplitude / FULL_P_AMPLITUDE_UV));
    }

    /**
     * Periodicity of the atrial activity between the QRS complexes, pooled over the given leads: {rate of the
     * strongest period in the flutter range (bpm), its strength}. Each lead is low-passed at
     * {@link #FLUTTER_BAND_HZ} first (flutter waves are a 4–6.5 Hz fundamental with a few harmonics; mains
     * interference at 50 or 60 Hz and its harmonics, muscle noise and white noise are periodic or broadband above
     * it: unfiltered, a 50 Hz hum at 500 Hz repeats every 10 samples and so correlates perfectly at every lag that is
     * a multiple of 10, inside the flutter range). The QRS complexes are blanked from their onset to their offset as
     * measured on the lead's own median beat, not over a fixed window around the beat fiducial, so the result does
     * not depend on where in the QRS the detector placed the beat. The normalised autocorrelation curves of the
     * leads are averaged, so a periodicity must be common to the leads, as atrial waves are.
     */
    static double[] flutterWaves(int[][] leads, int[] beats, double fs) {
        if (leads.length == 0) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        int n = (int) Math.min(leads[0].length, Math.round(FLUTTER_ANALYSIS_MS * fs / 1000));
        if (n < fs * 2 || beats.length < 2) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        int minLag = (int) Math.floor(fs * 60 / 380);
        int maxLag = (int) Math.ceil(fs * 60 / 240);
        List<double[]> residues = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        double[] isoelectric = new double[leads.length];
        int measured = 0;
        for (int[] x : leads) {
            double[] y = lowPassed(x, n, FLUTTER_BAND_HZ, fs);
            int[] extent = qrsExtent(y, beats, fs);
            double flat = isoelectricMs(y, beats, extent, fs);
            if (!Double.isNaN(flat)) {
                isoelectric[measured++] = flat;
            }
            double[] z = flutterResidue(y, beats, extent, fs);
            double energy = 0;
            for (double v : z) {
                energy += v * v;
            }
            if (energy > 0) {
                residues.add(z);
                energies.add(energy);
            }
        }
        if (residues.isEmpty()) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        double best = -1;
        int bestLag = -1;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double r = pooledAutocorrelation(residues, energies, lag);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        // A periodic wave also correlates at twice its period and anti-correlates (or not) at half of it.
        double twice = pooledAutocorrelation(residues, energies, 2 * bestLag);
        double halfLag = pooledAutocorrelation(residues, energies, bestLag / 2);
        double strength = Math.max(0, Math.min(best, twice) - Math.max(0, halfLag));
        Arrays.sort(isoelectric, 0, measured);
        double typicalFlat = measured == 0 ? Double.NaN : isoelectric[(measured - 1) / 2]; // lower median
        return new double[] { 60 * fs / bestLag, strength, typicalFlat };
    }

    /** The first {@code n} samples of one lead, low-passed (zero phase, twice) below {@code cutoffHz}. */
    static double[] lowPassed(int[] x, int n, double cutoffHz, double fs) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i];
        }
        if (cutoffHz < fs / 2) {
            Biquad lowPass = Biquad.lowPass(cutoffHz, fs, Math.sqrt(0.5));
            lowPass.zeroPhase(y);
            lowPass.zeroPhase(y);
        }
        return y;
    }

    /**
     * The median over beats of the longest stretch between the previous QRS offset and this QRS onset (each with
     * the blanking margin) in which the flutter-band signal stays within {@link #ISOELECTRIC_RANGE_MICROVOLTS}: the
     * TP and PR segments of a sinus beat, absent when flutter waves run continuously. NaN without two such
     * intervals.
     */
    static double isoelectricMs(double[] y, int[] beats, int[] extent, double fs) {
        int margin = (int) Math.round(QRS_BLANKING_MARGIN_MS * fs / 1000);
        int longestInterval = (int) Math.round(ISOELECTRIC_LONGEST_INTERVAL_MS * fs / 1000);
        double[] flats = new double[beats.length];
        int count = 0;
        for (int i = 1; i < beats.length; i++) {
            int from = beats[i - 1] + extent[1] + margin;
            int to = Math.min(beats[i] - extent[0] - margin, from + longestInterval);
            if (to >= y.length) {
                break;
            }
            if (to - from < 2) {
                flats[count++] = 0;
                continue;
            }
            flats[count++] = longestFlatStretch(y, from, to, ISOELECTRIC_RANGE_MICROVOLTS) * 1000 / fs;
        }
        if (count < 2) {
            return Double.NaN;
        }
        Arrays.sort(flats, 0, count);
        return flats[count / 2];
    }

    /** Length (samples) of the longest stretch of {@code y[from..to]} whose maximum and minimum differ by ≤ range. */
    static int longestFlatStretch(double[] y, int from, int to, double range) {
        int best = 0;
        int[] maxQueue = new int[to - from + 1];
        int[] minQueue = new int[to - from + 1];
        int maxHead = 0;
        int maxTail = 0;
        int minHead = 0;
        int minTail = 0;
        int start = from;
        for (int end = from; end <= to; end++) {
            while (maxTail > maxHead && y[maxQueue[maxTail - 1]] <= y[end]) {
                maxTail--;
            }
            maxQueue[maxTail++] = end;
            while (minTail > minHead && y[minQueue[minTail - 1]] >= y[end]) {
                minTail--;
            }
            minQueue[minTail++] = end;
            while (y[maxQueue[maxHead]] - y[minQueue[minHead]] > range) {
                start++;
                if (maxQueue[maxHead] < start) {
                    maxHead++;
                }
                if (minQueue[minHead] < start) {
                    minHead++;
                }
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /**
     * One lead's flutter-band signal with the QRS complexes blanked (linear interpolation from QRS onset to offset,
     * {@code extent} from {@link #qrsExtent}) and slow waves (T waves, baseline) removed with a 150 ms moving average.
     */
    static double[] flutterResidue(double[] band, int[] beats, int[] extent, double fs) {
        int n = band.length;
        double[] y = band.clone();
        int margin = (int) Math.round(QRS_BLANKING_MARGIN_MS * fs / 1000);
        int blankBefore = extent[0] + margin;
        int blankAfter = extent[1] + margin;
        for (int beat : beats) {
            int from = Math.max(0, beat - blankBefore);
            int to = Math.min(n - 1, beat + blankAfter);
            if (from >= n) {
                break;
            }
            if (to < 0) {
                continue;
            }
            double a = y[from];
            double b = y[to];
            for (int k = from; k <= to; k++) {
                y[k] = to == from ? a : a + (b - a) * (k - from) / (to - from);
            }
        }
        int half = (int) Math.round(0.075 * fs);
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + y[i];
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(n - 1, i + half);
            z[i] = y[i] - (prefix[to + 1] - prefix[from]) / (to - from + 1);
        }
        return z;
    }

    /**
     * {samples from the beat fiducial back to QRS onset, samples from the fiducial on to QRS offset} on the median
     * beat of {@code y}: the contiguous stretch around the steepest slope where the template's slope stays above
     * {@link #QRS_SLOPE_FRACTION} of its maximum. Falls back to 60 ms before and 80 ms after the fiducial.
     */
    static int[] qrsExtent(double[] y, int[] beats, double fs) {
        int reach = (int) Math.round(QRS_SEARCH_MS * fs / 1000);
        int length = 2 * reach + 1;
        int count = Math.min(beats.length, MAXIMUM_TEMPLATE_BEATS);
        double[][] windows = new double[count][];
        int usable = 0;
        for (int i = 0; i < count; i++) {
            int from = beats[i] - reach;
            if (from >= 0 && from + length <= y.length) {
                windows[i] = Arrays.copyOfRange(y, from, from + length);
                usable++;
            }
        }
        int[] fallback = { (int) Math.round(0.06 * fs), (int) Math.round(0.08 * fs) };
        if (usable < 2) {
            return fallback;
        }
        double[] template = BeatMorphology.medianTemplate(windows, length);
        double[] slope = new double[length];
        int steepest = reach;
        for (int k = 1; k < length - 1; k++) {
            slope[k] = Math.abs(template[k + 1] - template[k - 1]);
        }
        int inner = (int) Math.round(0.1 * fs);
        for (int k = Math.max(1, reach - inner); k <= Math.min(length - 2, reach + inner); k++) {
            if (slope[k] > slope[steepest]) {
                steepest = k;
            }
        }
        if (slope[steepest] <= 0) {
            return fallback;
        }
        double limit = QRS_SLOPE_FRACTION * slope[steepest];
        int gap = Math.max(1, (int) Math.round(0.012 * fs)); // a Q or S wave turns: the slope dips briefly
        int onset = steepest;
        for (int k = steepest, quiet = 0; k >= 1 && quiet < gap; k--) {
            if (slope[k] >= limit) {
                onset = k;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        int offset = steepest;
        for (int k = steepest, quiet = 0; k <= length - 2 && quiet < gap; k++) {
            if (slope[k] >= limit) {
                offset = k;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return new int[] { Math.max(0, reach - onset), Math.max(0, offset - reach) };
    }

    /** Mean over the leads of each lead's normalised autocorrelation at {@code lag}. */
    private static double pooledAutocorrelation(List<double[]> residues, List<Double> energies,
            int lag) {
        double sum = 0;
        for (int i = 0; i < residues.size(); i++) {
            sum += autocorrelation(residues.get(i), lag, energies.get(i));
        }
        return sum / residues.size();
    }

    private static double autocorrelation(double[] z, int lag, double energy) {
        double sum = 0;
        for (int i = lag; i < z.length; i++) {
            sum += z[i] * z[i - lag];
        }
        return sum / energy * z.length / (z.length - lag);
    }
}
