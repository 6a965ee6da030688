package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-lead signal quality at block resolution: flat line, lead off, saturation and noise (QRS-band energy far above
 * the lead's typical level, energy spread over most of the time, or a noise floor as high as the QRS complexes that
 * does not follow the other leads). A lead's block that is unusable contributes nothing to beat detection there;
 * where every lead is unusable no beats are concluded.
 */
public final class SignalQualityAssessor {

    private final QualitySettings settings;

    public SignalQualityAssessor(QualitySettings settings) {
        this.settings = settings;
    }

    public SignalQuality assess(EcgRecording recording) {
        LeadFeatures[] features = new LeadFeatures[recording.leadCount()];
        for (int lead = 0; lead < features.length; lead++) {
            features[lead] = LeadFeatures.compute(recording.leadView(lead), recording.samplingRateHz());
        }
        return assess(recording, features);
    }

    SignalQuality assess(EcgRecording recording, LeadFeatures[] features) {
        int leadCount = recording.leadCount();
        int n = recording.sampleCount();
        int block = Math.max(1, (int) Math.round(settings.blockMs() * recording.samplingRateHz() / 1000.0));
        QualityIssue[][] issues = new QualityIssue[leadCount][];
        float[][] maxima = new float[leadCount][];
        for (int lead = 0; lead < leadCount; lead++) {
            maxima[lead] = features[lead].blockMaxima(block);
            issues[lead] = electricalIssues(recording.leadView(lead), block);
            markNoise(features[lead], maxima[lead], block, issues[lead]);
        }
        markNoiseFloor(features, maxima, block, issues);
        int margin = (int) Math.round(settings.noiseMarginMs() * recording.samplingRateHz() / 1000.0);
        List<LeadQuality> leads = new ArrayList<>();
        for (int lead = 0; lead < leadCount; lead++) {
            leads.add(new LeadQuality(recording.leadName(lead), n,
                    segments(issues[lead], margin, block, n)));
        }
        return new SignalQuality(leads);
    }

    /** Flat line, lead off and saturation per block. */
    private QualityIssue[] electricalIssues(int[] x, int block) {
        int n = x.length;
        int blocks = (n + block - 1) / block;
        QualityIssue[] issues = new QualityIssue[blocks];

        int globalMax = Integer.MIN_VALUE;
        int globalMin = Integer.MAX_VALUE;
        for (int v : x) {
            globalMax = Math.max(globalMax, v);
            globalMin = Math.min(globalMin, v);
        }
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            int to = Math.min(n, from + block);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            long sum = 0;
            int pinned = 0;
            for (int i = from; i < to; i++) {
                int v = x[i];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
                sum += v;
                if ((v == globalMax || v == globalMin) && i > 0 && x[i - 1] == v) {
                    pinned++;
                }
            }
            if (max - min < settings.flatRangeMicrovolts()) {
                long level = sum / (to - from);
                issues[b] = Math.abs(level) >= settings.leadOffLevelMicrovolts() ? QualityIssue.LEAD_OFF
                        : QualityIssue.FLAT_LINE;
            } else if (pinned >= settings.saturationFraction() * (to - from) && globalMax - globalMin > 1000) {
                issues[b] = QualityIssue.SATURATION;
            }
        }
        return issues;
    }

    /**
     * Noise floor: where more than half of a block's QRS-band energy is above {@code noiseFloorRatio} × the lead's QRS
     * energy, the background between complexes is as strong as the complexes (electrode motion, muscle noise). Wide
     * ventricular complexes at a fast rate raise the floor too, but they rise and fall in every lead at once; so in
     * multi-lead recordings a high floor counts as noise only where the lead's energy is not correlated (over a
     * 3-block window) with the sum of the other usable leads' normalised energy. A single lead needs the higher
     * {@code singleLeadNoiseFloorRatio}. A block is flagged only if a neighbouring block is too, and only where the
     * flag leaves no lead usable. Linear in samples × leads.
     */
    private void markNoiseFloor(LeadFeatures[] features, float[][] maxima, int block, QualityIssue[][] issues) {
        int leads = features.length;
        if (leads == 0 || !(settings.noiseFloorRatio() < Double.POSITIVE_INFINITY)) {
            return;
        }
        int n = features[0].energy.length;
        int blocks = (n + block - 1) / block;
        // the lead's QRS energy: 20th percentile of block maxima (noise only raises maxima)
        float[] reference = new float[leads];
        for (int lead = 0; lead < leads; lead++) {
            float[] usable = new float[blocks];
            int count = 0;
            for (int b = 0; b < blocks; b++) {
                if (issues[lead][b] == null) {
                    usable[count++] = maxima[lead][b];
                }
            }
            if (count > 0) {
                Arrays.sort(usable, 0, count);
                reference[lead] = usable[count / 5];
            }
        }
        // per block and lead: sums of the lead's normalised energy a, of a², of a × (all leads' total t); sums of t, t²
        double[][] sa = new double[leads][blocks];
        double[][] saa = new double[leads][blocks];
        double[][] sat = new double[leads][blocks];
        double[] st = new double[blocks];
        double[] stt = new double[blocks];
        boolean[][] high = new boolean[leads][blocks];
        boolean[][] highAlone = new boolean[leads][blocks];
        int[] contributing = new int[blocks];
        float[] total = new float[Math.min(n, block)];
        float limit = (float) settings.noiseFloorRatio();
        float limitAlone = (float) settings.singleLeadNoiseFloorRatio();
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            int to = Math.min(n, from + block);
            Arrays.fill(total, 0);
            for (int lead = 0; lead < leads; lead++) {
                if (issues[lead][b] != null || reference[lead] <= 0) {
                    continue;
                }
                contributing[b]++;
                float inverse = 1f / reference[lead];
                float[] energy = features[lead].energy;
                int above = 0;
                int aboveAlone = 0;
                double s = 0;
                double ss = 0;
                for (int i = from; i < to; i++) {
                    float v = energy[i] * inverse;
                    total[i - from] += v;
                    s += v;
                    ss += (double) v * v;
                    if (v > limit) {
                        above++;
                    }
                    if (v > limitAlone) {
                        aboveAlone++;
                    }
                }
                sa[lead][b] = s;
                saa[lead][b] = ss;
                high[lead][b] = 2 * above > to - from;
                highAlone[lead][b] = 2 * aboveAlone > to - from;
            }
            double s = 0;
            double ss = 0;
            for (int i = 0; i < to - from; i++) {
                s += total[i];
                ss += (double) total[i] * total[i];
            }
            st[b] = s;
            stt[b] = ss;
            if (contributing[b] < 2) {
                continue;
            }
            for (int lead = 0; lead < leads; lead++) {
                if (issues[lead][b] != null || reference[lead] <= 0) {
                    continue;
                }
                float inverse = 1f / reference[lead];
                float[] energy = features[lead].energy;
                double at = 0;
                for (int i = from; i < to; i++) {
                    at += (double) (energy[i] * inverse) * total[i - from];
                }
                sat[lead][b] = at;
            }
        }
        QualityIssue[][] noise = new QualityIssue[leads][blocks];
        for (int lead = 0; lead < leads; lead++) {
            for (int b = 0; b < blocks; b++) {
                if (issues[lead][b] != null) {
                    continue;
                }
                if (contributing[b] < 2) {
                    if (highAlone[lead][b]) {
                        noise[lead][b] = QualityIssue.NOISE;
                    }
                    continue;
                }
                if (!high[lead][b]) {
                    continue;
                }
                // correlation of a with the other leads' sum o = t − a over blocks b−1 .. b+1
                double count = 0;
                double a = 0;
                double aa = 0;
                double at = 0;
                double t = 0;
                double tt = 0;
                for (int k = Math.max(0, b - 1); k <= Math.min(blocks - 1, b + 1); k++) {
                    if (issues[lead][k] != null || contributing[k] < 2) {
                        continue;
                    }
                    count += Math.min(n, (k + 1) * block) - k * block;
                    a += sa[lead][k];
                    aa += saa[lead][k];
                    at += sat[lead][k];
                    t += st[k];
                    tt += stt[k];
                }
                double o = t - a;
                double oo = tt - 2 * at + aa;
                double ao = at - aa;
                double cov = ao / count - (a / count) * (o / count);
                double va = aa / count - (a / count) * (a / count);
                double vo = oo / count - (o / count) * (o / count);
                double correlation = va > 0 && vo > 0 ? cov / Math.sqrt(va * vo) : 0;
                if (correlation < settings.noiseCoherence()) {
                    noise[lead][b] = QualityIssue.NOISE;
                }
            }
        }
        // a high floor in one block alone is too little (single large ventricular complexes, a short artefact)
        for (int lead = 0; lead < leads; lead++) {
            QualityIssue[] kept = new QualityIssue[blocks];
            for (int b = 0; b < blocks; b++) {
                if (noise[lead][b] != null && ((b > 0 && noise[lead][b - 1] != null)
                        || (b + 1 < blocks && noise[lead][b + 1] != null))) {
                    kept[b] = noise[lead][b];
                }
            }
            noise[lead] = kept;
        }
        // applied only where it leaves no lead usable: one lead's high floor alone is left to the detector's weighting
        // of leads by contrast, which handles it better than dropping the lead (measured on MIT-BIH and NSTDB)
        for (int b = 0; b < blocks; b++) {
            boolean all = contributing[b] > 0;
            for (int lead = 0; lead < leads && all; lead++) {
                all = issues[lead][b] != null || noise[lead][b] != null;
            }
            if (all) {
                for (int lead = 0; lead < leads; lead++) {
                    if (noise[lead][b] != null) {
                        issues[lead][b] = noise[lead][b];
                    }
                }
            }
        }
    }

    /** Noise: energy far above the lead's typical QRS energy, or energy spread over most of the time. */
    private void markNoise(LeadFeatures feature, float[] maxima, int block, QualityIssue[] issues) {
        int blocks = maxima.length;
        float[] usable = new float[blocks];
        int count = 0;
        for (int b = 0; b < blocks; b++) {
            if (issues[b] == null) {
                usable[count++] = maxima[b];
            }
        }
        if (count == 0) {
            return;
        }
        float[] sorted = Arrays.copyOf(usable, count);
        Arrays.sort(sorted);
        // typical QRS energy: the lower third of block maxima (noise only raises maxima)
        float typical = sorted[count / 3];
        if (typical <= 0) {
            return;
        }
        float[] energy = feature.energy;
        int n = energy.length;
        for (int b = 0; b < blocks; b++) {
            if (issues[b] != null) {
                continue;
            }
            if (maxima[b] > settings.noiseEnergyRatio() * typical) {
                issues[b] = QualityIssue.NOISE;
                continue;
            }
            int from = Math.max(0, (b - 1) * block);
            int to = Math.min(n, (b + 2) * block);
            float peak = Math.max(maxima[Math.max(0, b - 1)], Math.max(maxima[b], maxima[Math.min(blocks - 1, b + 1)]));
            float half = peak / 2;
            int above = 0;
            for (int i = from; i < to; i++) {
                if (energy[i] > half) {
                    above++;
                }
            }
            if (above > settings.noiseDutyCycle() * (to - from)) {
                issues[b] = QualityIssue.NOISE;
            }
        }
    }

    /**
     * Runs of equal issues as segments; a noise run is widened by {@code margin} samples on each side, without
     * overlapping its neighbours: noise bursts do not start and end on block boundaries, and the edge of a burst
     * (a step, a last swing) must not be taken for a beat.
     */
    private static List<QualitySegment> segments(QualityIssue[] issues, int margin, int block, int n) {
        List<int[]> runs = new ArrayList<>();
        int b = 0;
        while (b < issues.length) {
            if (issues[b] == null) {
                b++;
                continue;
            }
            int start = b;
            QualityIssue issue = issues[b];
            while (b < issues.length && issues[b] == issue) {
                b++;
            }
            runs.add(new int[] {start, b});
        }
        List<QualitySegment> segments = new ArrayList<>();
        int previousEnd = 0;
        for (int r = 0; r < runs.size(); r++) {
            int[] run = runs.get(r);
            int start = run[0] * block;
            int end = Math.min(n, run[1] * block);
            boolean noise = issues[run[0]] == QualityIssue.NOISE;
            if (noise) {
                start = Math.max(previousEnd, start - margin);
                int next = r + 1 < runs.size() ? runs.get(r + 1)[0] * block : n;
                end = Math.min(next, end + margin);
            }
            segments.add(new QualitySegment(start, end, issues[run[0]]));
            previousEnd = end;
        }
        return segments;
    }
}
