package org.yiwang.ecg;

import java.util.List;

/**
 * Samples {@code [fromSample, fromSample + sampleCount())} of every lead of a recording, in microvolts.
 *
 * @param totalSamples samples per lead in the whole recording
 */
public record EcgSignalWindow(long recordingId, double samplingRateHz, List<String> leadNames, long totalSamples,
        long fromSample, int[][] microvolts) {

    public int sampleCount() {
        return microvolts.length == 0 ? 0 : microvolts[0].length;
    }
}
