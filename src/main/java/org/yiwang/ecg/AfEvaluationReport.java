package org.yiwang.ecg;

import java.util.List;
import java.util.Map;

/**
 * Atrial-fibrillation detection scored on a labelled set (CinC 2017 layout: AF = label {@code A} against all
 * other labels).
 *
 * @param classes        per reference label: records, how many were called AF, and the rhythm labels given
 * @param truePositives  AF records called AF
 * @param falseNegatives AF records not called AF
 * @param falsePositives other records called AF
 * @param trueNegatives  other records not called AF
 * @param crossValidated the same scores when the AF model is refitted on four fifths of the records and applied
 *                       to the fifth left out (5 folds by record), or null when not requested
 * @param fittedModel    the AF model fitted on all records (to inspect or to ship), or null
 * @param operatingPoint the lowest AF-probability threshold that keeps specificity at or above 95 % on these
 *                       records, with the sensitivity and specificity it gives (chosen on the scored records
 *                       themselves: an optimistic figure), or null
 * @param analysisSeconds time spent in the pre-analysis (detection and classification), excluding file reading
 */
public record AfEvaluationReport(List<ClassResult> classes, int truePositives, int falseNegatives, int falsePositives,
        int trueNegatives, AfEvaluationReport crossValidated, String fittedModel, OperatingPoint operatingPoint,
        double analysisSeconds, double recordingSeconds) {

    /** Sensitivity and specificity (%) when AF is called at probabilities of at least {@code threshold}. */
    public record OperatingPoint(double threshold, double sensitivityPercent, double specificityPercent) {
    }

    public AfEvaluationReport {
        classes = List.copyOf(classes);
    }

    /** One reference label's records. */
    public record ClassResult(String label, int records, int calledAf, Map<String, Integer> rhythmLabels) {

        public ClassResult {
            rhythmLabels = Map.copyOf(rhythmLabels);
        }
    }

    public double sensitivityPercent() {
        return percent(truePositives, truePositives + falseNegatives);
    }

    public double specificityPercent() {
        return percent(trueNegatives, trueNegatives + falsePositives);
    }

    public double positivePredictivityPercent() {
        return percent(truePositives, truePositives + falsePositives);
    }

    public double f1() {
        int denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? Double.NaN : 2.0 * truePositives / denominator;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }
}
