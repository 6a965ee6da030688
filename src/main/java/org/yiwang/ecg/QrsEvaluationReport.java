package org.yiwang.ecg;

import java.util.List;
import org.yiwang.ecg.signal.BeatComparison;

/**
 * AAMI EC57-style QRS detection results over a directory of reference records (gross statistics). The overall figures
 * count reference beats in stretches withheld as unusable as missed; {@link #outsideWithheld()} leaves those stretches
 * out of both lists.
 */
public record QrsEvaluationReport(List<QrsRecordScore> records) {

    public QrsEvaluationReport {
        records = List.copyOf(records);
    }

    public int truePositives() {
        return records.stream().mapToInt(QrsRecordScore::truePositives).sum();
    }

    public int falseNegatives() {
        return records.stream().mapToInt(QrsRecordScore::falseNegatives).sum();
    }

    public int falsePositives() {
        return records.stream().mapToInt(QrsRecordScore::falsePositives).sum();
    }

    /** Reference beats scored (true positives + false negatives). */
    public int referenceBeats() {
        return truePositives() + falseNegatives();
    }

    public double grossSensitivityPercent() {
        int reference = referenceBeats();
        return reference == 0 ? 100 : 100.0 * truePositives() / reference;
    }

    public double grossPositivePredictivityPercent() {
        int detected = truePositives() + falsePositives();
        return detected == 0 ? 100 : 100.0 * truePositives() / detected;
    }

    public double recordingSeconds() {
        return records.stream().mapToDouble(QrsRecordScore::recordingSeconds).sum();
    }

    public double detectorSeconds() {
        return records.stream().mapToLong(QrsRecordScore::detectorNanos).sum() / 1e9;
    }

    public double detectorWallSeconds() {
        return records.stream().mapToLong(QrsRecordScore::detectorWallNanos).sum() / 1e9;
    }

    /** Gross comparison with the withheld stretches left out of both lists (EC57 reports such stretches apart). */
    public BeatComparison outsideWithheld() {
        BeatComparison total = new BeatComparison(0, 0, 0);
        for (QrsRecordScore r : records) {
            total = total.plus(r.outside());
        }
        return total;
    }

    public double outsideWithheldSensitivityPercent() {
        return outsideWithheld().sensitivityPercent();
    }

    public double outsideWithheldPositivePredictivityPercent() {
        return outsideWithheld().positivePredictivityPercent();
    }

    /** Scored reference beats inside withheld stretches (false negatives in the overall figures). */
    public int withheldReferenceBeats() {
        return records.stream().mapToInt(QrsRecordScore::withheldReferenceBeats).sum();
    }

    /** Seconds of scored signal where every lead was judged unusable (beats withheld). */
    public double withheldScoredSeconds() {
        return records.stream().mapToDouble(QrsRecordScore::withheldScoredSeconds).sum();
    }

    public double scoredSeconds() {
        return records.stream().mapToDouble(QrsRecordScore::scoredSeconds).sum();
    }

    /** Total recording duration over detector (thread CPU) time. */
    public double timesRealTime() {
        double seconds = detectorSeconds();
        return seconds == 0 ? 0 : recordingSeconds() / seconds;
    }
}
