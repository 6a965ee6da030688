package org.yiwang.ecg.signal;

/** An unusable stretch {@code [startSample, endSample)} of one lead. */
public record QualitySegment(int startSample, int endSample, QualityIssue issue) {

    public QualitySegment {
        if (startSample < 0 || endSample <= startSample) {
            throw new IllegalArgumentException("segment [" + startSample + ", " + endSample + ") is empty");
        }
    }

    public int lengthSamples() {
        return endSample - startSample;
    }

    public boolean contains(int sample) {
        return sample >= startSample && sample < endSample;
    }
}
