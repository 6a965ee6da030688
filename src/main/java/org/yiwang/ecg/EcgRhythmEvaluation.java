package org.yiwang.ecg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.yiwang.ecg.format.WfdbReader;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.analysis.AnalysisThresholds;
import org.yiwang.ecg.signal.analysis.EcgAnalyser;
import org.yiwang.ecg.signal.analysis.EcgReport;
import org.yiwang.ecg.signal.rhythm.AfModel;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

/**
 * Accuracy of the rhythm pre-analysis on public reference sets, for {@code ecg-eval --af}: every record of a
 * CinC 2017-style directory ({@code REFERENCE.csv} with {@code name,label} lines, WFDB {@code .hea} + {@code .mat})
 * is analysed and its AF call compared with the label.
 */
@Service
public class EcgRhythmEvaluation {

    static final int FOLDS = 5;

    /**
     * @param crossValidate also refit the AF model on four fifths of the records and score the fifth left out
     *                      (folds by record position in name order), and report the model fitted on all records
     */
    public AfEvaluationReport evaluateAf(Path directory, boolean crossValidate) throws IOException {
        Path reference = directory.resolve("REFERENCE.csv");
        if (!Files.isRegularFile(reference)) {
            throw new IOException("no REFERENCE.csv in " + directory);
        }
        List<String[]> labelled = new ArrayList<>();
        for (String line : Files.readAllLines(reference, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split(",");
            if (fields.length == 2 && !fields[0].isBlank()) {
                labelled.add(new String[] { fields[0].trim(), fields[1].trim() });
            }
        }
        labelled.sort((a, b) -> a[0].compareTo(b[0]));
        if (labelled.isEmpty()) {
            throw new IOException("REFERENCE.csv in " + directory + " lists no records");
        }
        AnalysisThresholds thresholds = AnalysisThresholds.defaults();
        int n = labelled.size();
        String[] labels = new String[n];
        double[][] features = new double[n][];
        boolean[] calledAf = new boolean[n];
        RhythmLabel[] rhythms = new RhythmLabel[n];
        long analysisNanos = 0;
        double recordingSeconds = 0;
        for (int i = 0; i < n; i++) {
            String name = labelled.get(i)[0];
            labels[i] = labelled.get(i)[1];
            EcgRecording recording = WfdbReader.read(directory.resolve(name + ".hea"), WfdbReader.Checks.NONE)
                    .toRecording();
            long started = System.nanoTime();
            EcgReport report = EcgAnalyser.analyse(recording, thresholds);
            analysisNanos += System.nanoTime() - started;
            recordingSeconds += recording.durationSeconds();
            rhythms[i] = report.rhythm().label();
            calledAf[i] = rhythms[i] == RhythmLabel.ATRIAL_FIBRILLATION;
            features[i] = report.rhythm().irregularity().sufficient()
                    ? AfModel.features(report.rhythm().irregularity(), report.rhythm().atrialActivity().pWaveEvidence())
                    : null;
        }
        AfEvaluationReport crossValidated = null;
        String fitted = null;
        if (crossValidate) {
            boolean[] cvCalls = new boolean[n];
            for (int fold = 0; fold < FOLDS; fold++) {
                AfModel model = fit(features, labels, fold);
                for (int i = fold; i < n; i += FOLDS) {
                    cvCalls[i] = callWith(model, features[i], rhythms[i], thresholds);
                }
            }
            crossValidated = score(labels, cvCalls, rhythms, null, null, 0, 0);
            fitted = fit(features, labels, -1).toString();
        }
        return score(labels, calledAf, rhythms, crossValidated, fitted, analysisNanos / 1e9, recordingSeconds);
    }

    /** Fits on all records except those of {@code leftOutFold} (-1: none left out). */
    private static AfModel fit(double[][] features, String[] labels, int leftOutFold) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            if (features[i] != null && i % FOLDS != leftOutFold && !"~".equals(labels[i])) {
                x.add(features[i]);
                y.add("A".equals(labels[i]));
            }
        }
        boolean[] af = new boolean[y.size()];
        for (int i = 0; i < af.length; i++) {
            af[i] = y.get(i);
        }
        return AfModel.fit(x.toArray(double[][]::new), af, 1.0);
    }

    /** The classifier's AF call with another AF model: rhythms decided before the AF model are kept. */
    private static boolean callWith(AfModel model, double[] features, RhythmLabel shipped, AnalysisThresholds t) {
        if (features == null || shipped == RhythmLabel.VENTRICULAR_TACHYCARDIA || shipped == RhythmLabel.ATRIAL_FLUTTER) {
            return false;
        }
        return model.probability(features) >= t.rhythm().afProbability();
    }

    private static AfEvaluationReport score(String[] labels, boolean[] calledAf, RhythmLabel[] rhythms,
            AfEvaluationReport crossValidated, String fitted, double seconds, double recordingSeconds) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> rhythmCounts = new TreeMap<>();
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        for (int i = 0; i < labels.length; i++) {
            int[] c = counts.computeIfAbsent(labels[i], k -> new int[2]);
            c[0]++;
            if (calledAf[i]) {
                c[1]++;
            }
            rhythmCounts.computeIfAbsent(labels[i], k -> new TreeMap<>()).merge(rhythms[i].name(), 1, Integer::sum);
            boolean af = "A".equals(labels[i]);
            if (af && calledAf[i]) {
                tp++;
            } else if (af) {
                fn++;
            } else if (calledAf[i]) {
                fp++;
            } else {
                tn++;
            }
        }
        List<AfEvaluationReport.ClassResult> classes = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            classes.add(new AfEvaluationReport.ClassResult(e.getKey(), e.getValue()[0], e.getValue()[1],
                    rhythmCounts.get(e.getKey())));
        }
        return new AfEvaluationReport(classes, tp, fn, fp, tn, crossValidated, fitted, seconds, recordingSeconds);
    }
}
