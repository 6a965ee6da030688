package org.yiwang.ecg;

import java.util.List;

/** AAMI EC57-style QRS detection results over a directory of reference records (gross statistics). */
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
