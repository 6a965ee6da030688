package org.yiwang.ecg.signal;

import java.util.List;

/** One lead's unusable stretches (sorted, non-overlapping) within {@code sampleCount} samples. */
public record LeadQuality(String leadName, int sampleCount, List<QualitySegment> unusableSegments) {

    public LeadQuality {
        unusableSegments = List.copyOf(unusableSegments);
        for (int i = 1; i < unusableSegments.size(); i++) {
            if (unusableSegments.get(i).startSample() < unusableSegments.get(i - 1).endSample()) {
                throw new IllegalArgumentException("segments overlap or are unsorted at " + i);
            }
        }
    }

    public int unusableSamples() {
        int total = 0;
        for (QualitySegment segment : unusableSegments) {
            total += segment.lengthSamples();
        }
        return total;
    }

    public double usableFraction() {
        return sampleCount == 0 ? 0 : 1.0 - (double) unusableSamples() / sampleCount;
    }

    public boolean usableAt(int sample) {
        return issueAt(sample) == null;
    }

    /** The issue at this sample, or null if usable. */
    public QualityIssue issueAt(int sample) {
        int low = 0;
        int high = unusableSegments.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            QualitySegment segment = unusableSegments.get(mid);
            if (sample < segment.startSample()) {
                high = mid - 1;
            } else if (sample >= segment.endSample()) {
                low = mid + 1;
            } else {
                return segment.issue();
            }
        }
        return null;
    }

    /** True if no unusable segment intersects {@code [fromSample, toSample]}. */
    public boolean usableThroughout(int fromSample, int toSample) {
        for (QualitySegment segment : unusableSegments) {
            if (segment.startSample() > toSample) {
                return true;
            }
            if (segment.endSample() > fromSample) {
                return false;
            }
        }
        return true;
    }
}
