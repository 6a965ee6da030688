package org.yiwang.ecg.signal;

import java.util.Arrays;

/**
 * Multi-lead QRS detector. Each lead is reduced to a centred QRS-energy feature ({@link LeadFeatures}), normalised
 * by that lead's typical QRS energy (a running median of 1-second maxima) and weighted by how clearly its QRS
 * complexes stand out of its background; the usable leads are averaged. Peaks of the combined feature are classified
 * with adaptive signal and noise levels (Pan–Tompkins style thresholds), a refractory period, T-wave rejection by
 * slope (against the previous beat in the lead where it was clearest and against the typical beat), replacement of a
 * P wave taken for a beat by the steeper complex that follows, and search-back for missed beats. Beats are placed on
 * the largest deflection of the dominant lead. Where signal quality makes every lead unusable no beats are concluded.
 * Linear in the number of samples; no allocation per sample beyond a few arrays per lead.
 */
public final class QrsDetector {

    /**
     * @param refractoryMs        no second QRS within this time
     * @param tWaveWindowMs       a candidate this soon after a beat must have a comparable slope to be a QRS
     * @param tWaveSlopeRatio     the slope ratio (to the previous beat's and to the typical beat's) below which such a
     *                            candidate is a T wave
     * @param replaceSlopeRatio   a candidate this much steeper than the beat just before it replaces that beat
     * @param thresholdFraction   detection threshold = noise level + fraction × (signal level − noise level)
     * @param searchBackRrFactor  search back for a missed beat after this many mean RR intervals without one
     * @param scaleWindowSeconds  span of the running median that normalises each lead
     */
    public record Settings(double refractoryMs, double tWaveWindowMs, double tWaveSlopeRatio,
            double replaceSlopeRatio, double thresholdFraction, double searchBackRrFactor, int scaleWindowSeconds,
            QualitySettings quality) {

        public static final Settings DEFAULTS =
                new Settings(200, 360, 0.5, 2.0, 0.5, 1.5, 9, QualitySettings.DEFAULTS);
    }

    /**
     * A beat is placed on its lead's usual polarity when the ratio of its upward to its downward deflection is within
     * this factor of the lead's median ratio...
     */
    static final double SIMILAR_BALANCE_RATIO = 2.5;
    /** ... and its R and S extremes lie this close together (one narrow complex). */
    static final double ADJACENT_EXTREMES_MS = 80;

    /**
     * An early candidate that is not steep in the last beat's clearest lead can still be an (R-on-T) premature beat
     * when it is steep in another lead where that beat's QRS was at least this share of its steepest lead's...
     */
    static final double RON_T_CLEAR_LEAD_SHARE = 0.5;
    /**
     * ... and there at least this many times steeper than the preceding beat's T wave at the same delay after its R
     * peak (searched within {@link #T_WAVE_REFERENCE_REACH_MS} either side: T waves shift a little with the RR)...
     */
    static final double RON_T_UNLIKE_T_RATIO = 3.0;
    static final double T_WAVE_REFERENCE_REACH_MS = 100;
    /** ... and, in the last beat's clearest lead, at least this many times steeper than that T wave there. */
    static final double RON_T_UNLIKE_T_RATIO_CLEAREST_LEAD = 1.5;

    private final Settings settings;

    public QrsDetector(Settings settings) {
        this.settings = settings;
    }

    public QrsDetector() {
        this(Settings.DEFAULTS);
    }

    public QrsDetection detect(EcgRecording recording) {
        double fs = recording.samplingRateHz();
        int leads = recording.leadCount();
        LeadFeatures[] features = new LeadFeatures[leads];
        for (int lead = 0; lead < leads; lead++) {
            features[lead] = LeadFeatures.compute(recording.leadView(lead), fs);
        }
        SignalQuality quality = new SignalQualityAssessor(settings.quality()).assess(recording, features);
        int[] beats = detect(recording, features, quality);
        return new QrsDetection(Beats.wrap(fs, beats), quality);
    }

    private int[] detect(EcgRecording recording, LeadFeatures[] features, SignalQuality quality) {
        double fs = recording.samplingRateHz();
        int n = recording.sampleCount();
        int leads = features.length;
        int block = Math.max(1, (int) Math.round(fs));
        int blocks = (n + block - 1) / block;

        // per lead, per block: inverse of the typical QRS energy, zero where the lead is unusable
        float[][] weight = new float[leads][];
        float[][] contrast = new float[leads][];
        for (int lead = 0; lead < leads; lead++) {
            float[] maxima = features[lead].blockMaxima(block);
            weight[lead] = inverseScales(maxima, quality.leads().get(lead), block);
            contrast[lead] = contrasts(maxima, features[lead].blockMeans(block), weight[lead]);
        }

        // combined feature: mean of the usable leads' normalised energy
        float[] combined = new float[n];
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            int to = Math.min(n, from + block);
            float used = 0;
            for (int lead = 0; lead < leads; lead++) {
                if (weight[lead][b] > 0) {
                    used += contrast[lead][b];
                }
            }
            if (used == 0) {
                continue;
            }
            for (int lead = 0; lead < leads; lead++) {
                float w = weight[lead][b] * contrast[lead][b] / used;
                if (w == 0) {
                    continue;
                }
                float[] energy = features[lead].energy;
                for (int i = from; i < to; i++) {
                    combined[i] += w * energy[i];
                }
            }
        }

        // no beats where every lead is unusable, to the sample (stretches need not end on block boundaries)
        for (QualitySegment segment : quality.unusableInAllLeads()) {
            Arrays.fill(combined, segment.startSample(), Math.min(n, segment.endSample()), 0f);
        }

        int refractory = samples(settings.refractoryMs(), fs);
        int tWaveWindow = samples(settings.tWaveWindowMs(), fs);
        int peakHalf = samples(100, fs);

        // candidate peaks: local maxima that dominate ±100 ms
        int[] candidates = new int[Math.max(16, n / Math.max(1, peakHalf))];
        int candidateCount = 0;
        for (int i = 1; i < n - 1; i++) {
            float v = combined[i];
            if (v > combined[i - 1] && v >= combined[i + 1] && v > 0) {
                boolean dominant = true;
                int from = Math.max(0, i - peakHalf);
                int to = Math.min(n - 1, i + peakHalf);
                for (int j = from; j <= to && dominant; j++) {
                    if (combined[j] > v || (combined[j] == v && j < i)) {
                        dominant = false;
                    }
                }
                if (dominant) {
                    if (candidateCount == candidates.length) {
                        candidates = Arrays.copyOf(candidates, candidateCount * 2);
                    }
                    candidates[candidateCount++] = i;
                }
            }
        }

        int[] beats = new int[Math.max(16, candidateCount)];
        int beatCount = 0;
        float signalLevel = initialSignalLevel(combined, block);
        float noiseLevel = signalLevel * 0.1f;
        double[] recentRr = new double[8];
        int rrCount = 0;
        double meanRr = fs * 0.8;
        int lastBeat = Integer.MIN_VALUE / 2;
        float lastSlope = 0;
        float typicalSlope = 0;
        int lastLead = 0;
        float lastLeadSlope = 0;
        float[] lastSlopes = new float[leads]; // the last beat's slope in each lead
        int previousBeat = Integer.MIN_VALUE / 2; // the beat before the last one
        int tReach = samples(T_WAVE_REFERENCE_REACH_MS, fs);
        int firstUnclaimed = 0; // index of the first candidate after the last beat

        for (int c = 0; c < candidateCount; c++) {
            int at = candidates[c];
            float value = combined[at];
            // search back for a missed beat before this candidate
            if (lastBeat > 0 && at - lastBeat > settings.searchBackRrFactor() * meanRr) {
                float threshold2 = 0.5f * threshold(signalLevel, noiseLevel);
                int best = -1;
                for (int k = firstUnclaimed; k < c; k++) {
                    int p = candidates[k];
                    if (p - lastBeat >= refractory && at - p >= refractory && combined[p] > threshold2
                            && (best < 0 || combined[p] > combined[candidates[best]])) {
                        float s = slopeAt(features, weight, block, p);
                        boolean tWave = p - lastBeat < tWaveWindow
                                && isTWave(features, lastLead, lastLeadSlope, lastSlopes, lastBeat, previousBeat,
                                        tReach, p, s, typicalSlope);
                        if (!tWave) {
                            best = k;
                        }
                    }
                }
                if (best >= 0) {
                    int p = candidates[best];
                    signalLevel = 0.25f * combined[p] + 0.75f * signalLevel;
                    if (beatCount == beats.length) {
                        beats = Arrays.copyOf(beats, beatCount * 2);
                    }
                    beats[beatCount++] = p;
                    meanRr = updateRr(recentRr, rrCount++, p - lastBeat, meanRr);
                    previousBeat = lastBeat;
                    lastBeat = p;
                    lastSlope = slopeAt(features, weight, block, p);
                    lastLead = dominantLead(features, weight, block, p);
                    lastLeadSlope = leadSlope(features, lastLead, p);
                    leadSlopes(features, p, lastSlopes);
                    firstUnclaimed = best + 1;
                }
            }
            if (at - lastBeat < refractory) {
                // a much steeper complex right after an accepted beat: that beat was a P (or T) wave
                if (beatCount > 0 && value > threshold(signalLevel, noiseLevel)) {
                    float s = slopeAt(features, weight, block, at);
                    if (s > settings.replaceSlopeRatio() * lastSlope) {
                        beats[beatCount - 1] = at;
                        lastBeat = at;
                        lastSlope = s;
                        lastLead = dominantLead(features, weight, block, at);
                        lastLeadSlope = leadSlope(features, lastLead, at);
                        leadSlopes(features, at, lastSlopes);
                        firstUnclaimed = c + 1;
                    }
                }
                continue;
            }
            if (value > threshold(signalLevel, noiseLevel)) {
                float s = slopeAt(features, weight, block, at);
                if (at - lastBeat < tWaveWindow && isTWave(features, lastLead, lastLeadSlope, lastSlopes, lastBeat,
                        previousBeat, tReach, at, s, typicalSlope)) {
                    if (s > settings.replaceSlopeRatio() * lastSlope) {
                        beats[beatCount - 1] = at;
                        lastBeat = at;
                        lastSlope = s;
                        lastLead = dominantLead(features, weight, block, at);
                        lastLeadSlope = leadSlope(features, lastLead, at);
                        leadSlopes(features, at, lastSlopes);
                        firstUnclaimed = c + 1;
                    } else {
                        noiseLevel = 0.125f * value + 0.875f * noiseLevel;
                    }
                    continue;
                }
                signalLevel = 0.125f * value + 0.875f * signalLevel;
                typicalSlope = typicalSlope == 0 ? s : 0.125f * s + 0.875f * typicalSlope;
                if (beatCount == beats.length) {
                    beats = Arrays.copyOf(beats, beatCount * 2);
                }
                beats[beatCount++] = at;
                if (lastBeat > 0 && quality.anyLeadUsableThroughout(lastBeat, at)) {
                    meanRr = updateRr(recentRr, rrCount++, at - lastBeat, meanRr);
                }
                previousBeat = lastBeat;
                lastBeat = at;
                lastSlope = s;
                lastLead = dominantLead(features, weight, block, at);
                lastLeadSlope = leadSlope(features, lastLead, at);
                leadSlopes(features, at, lastSlopes);
                firstUnclaimed = c + 1;
            } else {
                noiseLevel = 0.125f * value + 0.875f * noiseLevel;
            }
        }
        return placeOnDeflections(Arrays.copyOf(beats, beatCount), features, weight, block, refractory, fs);
    }

    private float threshold(float signalLevel, float noiseLevel) {
        return noiseLevel + (float) settings.thresholdFraction() * (signalLevel - noiseLevel);
    }

    private static double updateRr(double[] recent, int count, int rr, double mean) {
        recent[count % recent.length] = rr;
        int used = Math.min(count + 1, recent.length);
        double sum = 0;
        for (int i = 0; i < used; i++) {
            sum += recent[i];
        }
        return used < 2 ? (mean + rr) / 2 : sum / used;
    }

    private static float initialSignalLevel(float[] combined, int block) {
        int blocks = Math.min(10, Math.max(1, combined.length / block));
        float[] maxima = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            for (int i = b * block; i < Math.min(combined.length, (b + 1) * block); i++) {
                maxima[b] = Math.max(maxima[b], combined[i]);
            }
        }
        Arrays.sort(maxima);
        float median = maxima[blocks / 2];
        return median > 0 ? median : 1;
    }

    /**
     * Per block: how clearly the lead's QRS complexes stand out of its background (running median of block maximum
     * over block mean, minus one, squared), so that a clean lead outweighs a noisy one. Zero where unusable.
     */
    private float[] contrasts(float[] maxima, float[] means, float[] inverse) {
        int blocks = maxima.length;
        int half = settings.scaleWindowSeconds() / 2;
        float[] ratio = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            ratio[b] = means[b] > 0 ? maxima[b] / means[b] : 0;
        }
        float[] window = new float[2 * half + 1];
        float[] contrast = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            if (inverse[b] == 0) {
                continue;
            }
            int count = 0;
            for (int k = Math.max(0, b - half); k <= Math.min(blocks - 1, b + half); k++) {
                if (inverse[k] > 0) {
                    window[count++] = ratio[k];
                }
            }
            Arrays.sort(window, 0, count);
            float excess = Math.max(0.05f, window[count / 2] - 1);
            contrast[b] = excess * excess;
        }
        return contrast;
    }

    /** Per block: 1 / running median of block maxima over usable blocks; 0 where the lead is unusable. */
    private float[] inverseScales(float[] maxima, LeadQuality quality, int block) {
        int blocks = maxima.length;
        // a block is unusable when unusable segments cover more than half of it (segments may end mid-block)
        int[] covered = new int[blocks];
        for (QualitySegment segment : quality.unusableSegments()) {
            int first = segment.startSample() / block;
            int last = (segment.endSample() - 1) / block;
            for (int b = first; b <= last && b < blocks; b++) {
                covered[b] += Math.min(segment.endSample(), (b + 1) * block) - Math.max(segment.startSample(), b * block);
            }
        }
        int n = quality.sampleCount();
        boolean[] usable = new boolean[blocks];
        for (int b = 0; b < blocks; b++) {
            usable[b] = 2 * covered[b] <= Math.min(n, (b + 1) * block) - b * block;
        }
        int half = settings.scaleWindowSeconds() / 2;
        float[] window = new float[2 * half + 1];
        float[] inverse = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            if (!usable[b]) {
                continue;
            }
            int count = 0;
            for (int k = Math.max(0, b - half); k <= Math.min(blocks - 1, b + half); k++) {
                if (usable[k]) {
                    window[count++] = maxima[k];
                }
            }
            Arrays.sort(window, 0, count);
            float median = window[count / 2];
            inverse[b] = median > 0 ? 1f / median : 0;
        }
        return inverse;
    }

    /**
     * A T wave (or other slow wave) soon after a beat: much less steep than the typical beat over all leads, or than
     * that beat in the lead where it was clearest, unless (an early, R-on-T, premature beat whose QRS happens to be
     * small in that lead) it is unlike the T wave of the beat before at the same delay after its R peak: steeper than
     * that T wave in the clearest lead, and steep in another lead where the last beat was clear and much steeper
     * there than that T wave (a T wave repeats its predecessor's, an ectopic QRS does not).
     */
    private boolean isTWave(LeadFeatures[] features, int lastLead, float lastLeadSlope, float[] lastSlopes,
            int lastBeat, int previousBeat, int tReach, int at, float combinedSlope, float typicalSlope) {
        double ratio = settings.tWaveSlopeRatio();
        if (combinedSlope < ratio * typicalSlope) {
            return true;
        }
        if (leadSlope(features, lastLead, at) >= ratio * lastLeadSlope) {
            return false;
        }
        int delay = at - lastBeat;
        int reference = previousBeat + delay; // where the beat before had its T wave at this delay
        if (previousBeat < 0 || reference + tReach >= lastBeat - tReach) {
            return true;
        }
        int from = reference - tReach;
        int to = reference + tReach;
        if (leadSlope(features, lastLead, at)
                < RON_T_UNLIKE_T_RATIO_CLEAREST_LEAD * maxSlope(features[lastLead], from, to)) {
            return true;
        }
        float clearest = 0;
        for (float v : lastSlopes) {
            clearest = Math.max(clearest, v);
        }
        for (int lead = 0; lead < features.length; lead++) {
            if (lead == lastLead || lastSlopes[lead] < RON_T_CLEAR_LEAD_SHARE * clearest) {
                continue;
            }
            float slope = leadSlope(features, lead, at);
            if (slope >= ratio * lastSlopes[lead]
                    && slope >= RON_T_UNLIKE_T_RATIO * maxSlope(features[lead], from, to)) {
                return false;
            }
        }
        return true;
    }

    private static void leadSlopes(LeadFeatures[] features, int at, float[] into) {
        for (int lead = 0; lead < features.length; lead++) {
            into[lead] = leadSlope(features, lead, at);
        }
    }

    private static float maxSlope(LeadFeatures f, int from, int to) {
        int max = 0;
        for (int i = Math.max(0, from); i <= Math.min(f.absSlope.length - 1, to); i++) {
            max = Math.max(max, f.absSlope[i]);
        }
        return max;
    }

    private static int dominantLead(LeadFeatures[] features, float[][] weight, int block, int at) {
        int b = at / block;
        int best = 0;
        float bestValue = -1;
        for (int lead = 0; lead < features.length; lead++) {
            float v = weight[lead][b] * features[lead].energy[at];
            if (v > bestValue) {
                bestValue = v;
                best = lead;
            }
        }
        return best;
    }

    private static float leadSlope(LeadFeatures[] features, int lead, int at) {
        LeadFeatures f = features[lead];
        int from = Math.max(0, at - f.energyHalf);
        int to = Math.min(f.absSlope.length - 1, at + f.energyHalf);
        int max = 0;
        for (int i = from; i <= to; i++) {
            max = Math.max(max, f.absSlope[i]);
        }
        return max;
    }

    private static float slopeAt(LeadFeatures[] features, float[][] weight, int block, int at) {
        int b = at / block;
        float total = 0;
        for (int lead = 0; lead < features.length; lead++) {
            float w = weight[lead][b];
            if (w == 0) {
                continue;
            }
            LeadFeatures f = features[lead];
            int from = Math.max(0, at - f.energyHalf);
            int to = Math.min(f.absSlope.length - 1, at + f.energyHalf);
            int max = 0;
            for (int i = from; i <= to; i++) {
                max = Math.max(max, f.absSlope[i]);
            }
            total += w * max * (2 * f.energyHalf + 1);
        }
        return total;
    }

    /**
     * Places each beat on a deflection of its dominant lead (the usable lead with the largest QRS) within the QRS
     * energy window. Where R and S waves are of
     * similar size (common on single-lead recordings, upright or inverted) the largest absolute deflection flips
     * between them from beat to beat and adds tens of milliseconds of jitter to the RR intervals; so a beat shaped like
     * its lead's usual beat is placed on the lead's usual polarity (the sign of the median upward/downward balance),
     * and any other beat (ectopic, wide) on its largest deflection.
     */
    private static int[] placeOnDeflections(int[] peaks, LeadFeatures[] features, float[][] weight, int block,
            int refractory, double fs) {
        int beats = peaks.length;
        int[] leadOf = new int[beats];
        int[] positiveAt = new int[beats];
        int[] negativeAt = new int[beats];
        float[] positive = new float[beats];
        float[] negative = new float[beats];
        for (int k = 0; k < beats; k++) {
            int peak = peaks[k];
            int b = peak / block;
            int bestLead = -1;
            float best = 0;
            // the usable lead with the largest QRS (raw energy, not normalised: normalised, all leads of a clean
            // 12-lead ECG score about 1 and the choice falls on a QS or RS lead, whose extreme is the S wave)
            for (int lead = 0; lead < features.length; lead++) {
                float v = weight[lead][b] > 0 ? features[lead].energy[peak] : 0;
                if (v > best) {
                    best = v;
                    bestLead = lead;
                }
            }
            leadOf[k] = bestLead;
            positiveAt[k] = peak;
            negativeAt[k] = peak;
            if (bestLead < 0) {
                continue;
            }
            LeadFeatures f = features[bestLead];
            int n = f.lowPass.length;
            int from = Math.max(0, peak - f.energyHalf);
            int to = Math.min(n - 1, peak + f.energyHalf);
            float base = (f.lowPass[from] + f.lowPass[to]) / 2f;
            // only turning points count: a slope still running at the window's edge is not a wave's peak
            for (int i = from + 1; i < to; i++) {
                int v = f.lowPass[i];
                float d = v - base;
                if (d > positive[k] && v >= f.lowPass[i - 1] && v >= f.lowPass[i + 1]) {
                    positive[k] = d;
                    positiveAt[k] = i;
                }
                if (-d > negative[k] && v <= f.lowPass[i - 1] && v <= f.lowPass[i + 1]) {
                    negative[k] = -d;
                    negativeAt[k] = i;
                }
            }
        }
        // per lead: the median balance of its beats' upward and downward deflections (log ratio)
        double[] balance = new double[beats];
        double[] typicalBalance = new double[features.length];
        for (int lead = 0; lead < features.length; lead++) {
            int m = 0;
            for (int k = 0; k < beats; k++) {
                if (leadOf[k] == lead) {
                    balance[m++] = Math.log((positive[k] + 1.0) / (negative[k] + 1.0));
                }
            }
            if (m > 0) {
                Arrays.sort(balance, 0, m);
                typicalBalance[lead] = balance[m / 2];
            }
        }
        int[] placed = new int[beats];
        int count = 0;
        int adjacentSamples = samples(ADJACENT_EXTREMES_MS, fs);
        double similarBalance = Math.log(SIMILAR_BALANCE_RATIO);
        for (int k = 0; k < beats; k++) {
            int position = peaks[k];
            int lead = leadOf[k];
            if (lead >= 0) {
                double beatBalance = Math.log((positive[k] + 1.0) / (negative[k] + 1.0));
                // a beat shaped like the lead's usual beat (R and S next to each other, in about the usual
                // proportion) is placed on the lead's usual polarity; any other beat on its largest deflection
                boolean usual = Math.abs(positiveAt[k] - negativeAt[k]) <= adjacentSamples
                        && Math.abs(beatBalance - typicalBalance[lead]) <= similarBalance;
                boolean upright = usual ? typicalBalance[lead] >= 0 : positive[k] >= negative[k];
                position = upright ? positiveAt[k] : negativeAt[k];
            }
            if (count > 0 && position - placed[count - 1] < refractory / 2) {
                continue;
            }
            placed[count++] = position;
        }
        return Arrays.copyOf(placed, count);
    }

    private static int samples(double ms, double fs) {
        return Math.max(1, (int) Math.round(ms * fs / 1000.0));
    }
}
