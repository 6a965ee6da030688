package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-lead signal quality at block resolution: flat line, lead off, saturation and noise. A lead's block that is
 * unusable contributes nothing to beat detection there; where every lead is unusable no beats are concluded.
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
        List<LeadQuality> leads = new ArrayList<>();
        for (int lead = 0; lead < recording.leadCount(); lead++) {
            leads.add(assessLead(recording.leadName(lead), recording.leadView(lead), features[lead],
                    recording.samplingRateHz()));
        }
        return new SignalQuality(leads);
    }

    private LeadQuality assessLead(String name, int[] x, LeadFeatures feature, double fs) {
        int n = x.length;
        int block = Math.max(1, (int) Math.round(settings.blockMs() * fs / 1000.0));
        int blocks = (n + block - 1) / block;
        QualityIssue[] issues = new QualityIssue[blocks];

        int globalMax = Integer.MIN_VALUE;
        int globalMin = Integer.MAX_VALUE;
        for (int v : x) {
            globalMax = Math.max(globalMax, v);
            globalMin = Math.min(globalMin, v);
        }
        float[] maxima = feature.blockMaxima(block);
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
        markNoise(feature, maxima, block, issues);
        return new LeadQuality(name, n, segments(issues, block, n));
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

    private static List<QualitySegment> segments(QualityIssue[] issues, int block, int n) {
        List<QualitySegment> segments = new ArrayList<>();
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
            segments.add(new QualitySegment(start * block, Math.min(n, b * block), issue));
        }
        return segments;
    }
}
