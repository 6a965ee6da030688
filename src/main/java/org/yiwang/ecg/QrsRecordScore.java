package org.yiwang.ecg;

/**
 * The QRS detector's score on one reference record.
 *
 * @param recordingSeconds      length of the record
 * @param detectorNanos         CPU time of the evaluating thread spent in the detector (quality assessment included,
 *                              file reading excluded); fastest of the timed runs
 * @param detectorWallNanos     wall-clock time of the same (fastest) run, inflated when the machine is shared
 * @param withheldScoredSeconds seconds of the scored part where every lead was judged unusable (no beats concluded)
 */
public record QrsRecordScore(String record, int truePositives, int falseNegatives, int falsePositives,
        double recordingSeconds, long detectorNanos, long detectorWallNanos, double scoredSeconds, double withheldScoredSeconds) {

    public double sensitivityPercent() {
        int reference = truePositives + falseNegatives;
        return reference == 0 ? 100 : 100.0 * truePositives / reference;
    }

    public double positivePredictivityPercent() {
        int detected = truePositives + falsePositives;
        return detected == 0 ? 100 : 100.0 * truePositives / detected;
    }
}
