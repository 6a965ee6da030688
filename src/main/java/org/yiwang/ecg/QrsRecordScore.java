package org.yiwang.ecg;

import org.yiwang.ecg.signal.BeatComparison;

/**
 * The QRS detector's score on one reference record.
 *
 * @param recordingSeconds      length of the record
 * @param detectorNanos         CPU time of the evaluating thread spent in the detector (quality assessment included,
 *                              file reading excluded); fastest of the timed runs
 * @param detectorWallNanos     wall-clock time of the same (fastest) run, inflated when the machine is shared
 * @param withheldScoredSeconds seconds of the scored part where every lead was judged unusable (no beats concluded)
 * @param outside               the same beat-by-beat comparison with the withheld stretches left out of both lists
 *                              (reference beats there are neither detected nor missed)
 */
public record QrsRecordScore(String record, int truePositives, int falseNegatives, int falsePositives,
        double recordingSeconds, long detectorNanos, long detectorWallNanos, double scoredSeconds,
        double withheldScoredSeconds, BeatComparison outside) {

    /** A score without withheld stretches: the comparison outside them is the comparison itself. */
    public QrsRecordScore(String record, int truePositives, int falseNegatives, int falsePositives,
            double recordingSeconds, long detectorNanos, long detectorWallNanos, double scoredSeconds,
            double withheldScoredSeconds) {
        this(record, truePositives, falseNegatives, falsePositives, recordingSeconds, detectorNanos, detectorWallNanos,
                scoredSeconds, withheldScoredSeconds, new BeatComparison(truePositives, falseNegatives, falsePositives));
    }

    public double sensitivityPercent() {
        int reference = truePositives + falseNegatives;
        return reference == 0 ? 100 : 100.0 * truePositives / reference;
    }

    public double positivePredictivityPercent() {
        int detected = truePositives + falsePositives;
        return detected == 0 ? 100 : 100.0 * truePositives / detected;
    }

    public int outsideFalseNegatives() {
        return outside.falseNegatives();
    }

    public int outsideFalsePositives() {
        return outside.falsePositives();
    }

    public double outsideSensitivityPercent() {
        return outside.sensitivityPercent();
    }

    public double outsidePositivePredictivityPercent() {
        return outside.positivePredictivityPercent();
    }

    /** Scored reference beats inside withheld stretches (counted as false negatives in the overall figures). */
    public int withheldReferenceBeats() {
        return truePositives + falseNegatives - outside.truePositives() - outside.falseNegatives();
    }
}
