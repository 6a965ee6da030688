package org.yiwang.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.AfEpisodeEvaluation;
import org.yiwang.ecg.AfEpisodeScore;
import org.yiwang.ecg.AfEvaluationReport;
import org.yiwang.ecg.DelineationEvaluationReport;
import org.yiwang.ecg.EcgEvaluation;
import org.yiwang.ecg.EcgRhythmEvaluation;
import org.yiwang.ecg.LudbAfReport;
import org.yiwang.ecg.QrsEvaluationReport;
import org.yiwang.ecg.QrsRecordScore;
import org.yiwang.ecg.VentricularEvaluation;
import org.yiwang.ecg.VentricularScore;

/**
 * {@code java -jar yiwang.jar ecg-eval --qrs DIR}: scores the ECG analysis against reference databases. Each mode is
 * one entry of {@link #modes}: a flag followed by a directory.
 */
@Component
class EcgEvalCommand implements CliCommand {

    /** One evaluation mode: runs on a directory and prints its report. */
    @FunctionalInterface
    interface Mode {
        int run(Path directory, PrintStream out) throws Exception;
    }

    private static final String NETWORK_INPUT = "--af-network-input";

    private final Map<String, Mode> modes = new LinkedHashMap<>();
    private final EcgRhythmEvaluation rhythmEvaluation;

    EcgEvalCommand(EcgEvaluation evaluation, EcgRhythmEvaluation rhythmEvaluation,
            AfEpisodeEvaluation afEpisodeEvaluation, VentricularEvaluation ventricularEvaluation) {
        this.rhythmEvaluation = rhythmEvaluation;
        modes.put("--qrs", (directory, out) -> printQrs(evaluation.evaluateQrs(directory), out));
        modes.put("--af", (directory, out) -> printAf(rhythmEvaluation.evaluateAf(directory, true), out));
        modes.put("--af-episodes", (directory, out) -> printAfEpisodes(afEpisodeEvaluation.evaluate(directory), out));
        modes.put("--ventricular", (directory, out) -> printVentricular(ventricularEvaluation.evaluate(directory), out));
        modes.put("--ludb", (directory, out) -> printDelineation(rhythmEvaluation.evaluateDelineation(directory), out));
        modes.put("--ludb-af", (directory, out) -> printLudbAf(rhythmEvaluation.evaluateLudbAf(directory), out));
    }

    @Override
    public String name() {
        return "ecg-eval";
    }

    @Override
    public String description() {
        return "score ECG analysis on WFDB reference records: " + String.join(" DIR | ", modes.keySet()) + " DIR | "
                + NETWORK_INPUT + " DIR OUTDIR";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) throws Exception {
        // Spring Boot property overrides (--name=value) travel in the same argument list
        List<String> args = arguments.stream().filter(a -> !(a.startsWith("--") && a.contains("="))).toList();
        boolean export = args.size() == 3 && NETWORK_INPUT.equals(args.get(0));
        if (!export && (args.size() != 2 || !modes.containsKey(args.get(0)))) {
            out.println("Usage: java -jar yiwang.jar ecg-eval " + String.join(" DIR | ", modes.keySet()) + " DIR | "
                    + NETWORK_INPUT + " DIR OUTDIR");
            return 2;
        }
        Path directory = Path.of(args.get(1));
        try {
            if (export) {
                // training data for tools/af-network/train.py: CinC-style records, or windows of annotated records
                int inputs = rhythmEvaluation.exportNetworkInput(directory, Path.of(args.get(2)));
                out.println("af-network-input inputs=" + inputs + " written to " + args.get(2));
                return 0;
            }
            return modes.get(args.get(0)).run(directory, out);
        } catch (java.io.IOException e) {
            out.println("ecg-eval: " + e.getMessage());
            return 1;
        }
    }

    private static int printQrs(QrsEvaluationReport report, PrintStream out) {
        for (QrsRecordScore r : report.records()) {
            out.println(String.format(Locale.ROOT, "%s TP=%d FN=%d FP=%d Se=%.2f +P=%.2f withheld_s=%.0f "
                            + "outside_withheld: FN=%d FP=%d Se=%.2f +P=%.2f", r.record(), r.truePositives(),
                    r.falseNegatives(), r.falsePositives(), r.sensitivityPercent(), r.positivePredictivityPercent(),
                    r.withheldScoredSeconds(), r.outsideFalseNegatives(), r.outsideFalsePositives(),
                    r.outsideSensitivityPercent(), r.outsidePositivePredictivityPercent()));
        }
        out.println(String.format(Locale.ROOT, "outside withheld stretches Se=%.2f +P=%.2f (%d of %d reference beats "
                        + "withheld; the gross line below counts them as missed)",
                report.outsideWithheldSensitivityPercent(), report.outsideWithheldPositivePredictivityPercent(),
                report.withheldReferenceBeats(), report.referenceBeats()));
        out.println(String.format(Locale.ROOT, "withheld %.0f of %.0f scored seconds (%.2f%%) as unusable in every lead; "
                        + "detector wall time %.2f s (CPU time is used below)", report.withheldScoredSeconds(),
                report.scoredSeconds(), 100 * report.withheldScoredSeconds() / Math.max(1, report.scoredSeconds()),
                report.detectorWallSeconds()));
        out.println(String.format(Locale.ROOT, "gross Se=%.2f +P=%.2f beats=%d seconds=%.2f xrealtime=%.0f",
                report.grossSensitivityPercent(), report.grossPositivePredictivityPercent(), report.referenceBeats(),
                report.detectorSeconds(), report.timesRealTime()));
        return 0;
    }

    /** The records that are AF or were called AF, then the totals with and without the AF network. */
    private static int printLudbAf(LudbAfReport report, PrintStream out) {
        for (LudbAfReport.Record r : report.records()) {
            if (r.atrialFibrillation() || r.calledAf(true) || r.calledAf(false)) {
                out.println(String.format(Locale.ROOT, "%s rhythm=\"%s\" with_network=%s p=%.2f logit=%.1f rr_alone=%s p=%.2f",
                        r.name(), r.rhythm(), r.withNetwork(), r.probabilityWith(), r.networkLogit(), r.rrAlone(),
                        r.probabilityRr()));
            }
        }
        int[] n = report.counts(true);
        int[] rr = report.counts(false);
        out.println(String.format(Locale.ROOT, "ludb-af records=%d with_network TP=%d FN=%d FP=%d TN=%d; "
                + "rr_alone TP=%d FN=%d FP=%d TN=%d", report.records().size(), n[0], n[1], n[2], n[3], rr[0], rr[1],
                rr[2], rr[3]));
        return 0;
    }

    /** Per reference class, the cross-validated figure, then the exact last line {@code af Se=… Sp=… F1=…}. */
    private static int printAf(AfEvaluationReport report, PrintStream out) {
        for (AfEvaluationReport.ClassResult c : report.classes()) {
            out.println(String.format(Locale.ROOT, "class %s records=%d called_af=%d rhythm=%s", c.label(), c.records(),
                    c.calledAf(), new java.util.TreeMap<>(c.rhythmLabels())));
        }
        out.println(String.format(Locale.ROOT, "analysis_s=%.2f recording_s=%.0f xrealtime=%.0f", report.analysisSeconds(),
                report.recordingSeconds(), report.recordingSeconds() / report.analysisSeconds()));
        AfEvaluationReport cv = report.crossValidated();
        if (cv != null) {
            out.println("model fitted on all records: " + report.fittedModel());
            out.println(String.format(Locale.ROOT, "af-cv5 (model refitted per fold) Se=%.2f Sp=%.2f +P=%.2f F1=%.3f",
                    cv.sensitivityPercent(), cv.specificityPercent(), cv.positivePredictivityPercent(), cv.f1()));
            printOperatingPoint("af-cv5", cv.operatingPoint(), out);
        }
        printOperatingPoint("af", report.operatingPoint(), out);
        out.println(String.format(Locale.ROOT, "af TP=%d FN=%d FP=%d TN=%d +P=%.2f", report.truePositives(),
                report.falseNegatives(), report.falsePositives(), report.trueNegatives(),
                report.positivePredictivityPercent()));
        out.println(String.format(Locale.ROOT, "af Se=%.2f Sp=%.2f F1=%.3f", report.sensitivityPercent(),
                report.specificityPercent(), report.f1()));
        return 0;
    }

    private static void printOperatingPoint(String name, AfEvaluationReport.OperatingPoint point, PrintStream out) {
        if (point != null) {
            out.println(String.format(Locale.ROOT, "%s at Sp>=95%% (threshold p>=%.3f chosen on these records) Se=%.2f Sp=%.2f",
                    name, point.threshold(), point.sensitivityPercent(), point.specificityPercent()));
        }
    }

    /**
     * A line per record (times in seconds, episodes reference / detected / reference found / detected true), the
     * flutter and timing lines, then the exact last line {@code af-episodes duration Se=… +P=… episodes Se=… +P=…
     * false_af_s=… records=…}.
     */
    private static int printVentricular(VentricularEvaluation.Report report, PrintStream out) {
        for (VentricularEvaluation.RecordResult r : report.records()) {
            VentricularScore s = r.score();
            out.println(String.format(Locale.ROOT, "%s veb TP=%d FN=%d FP=%d on_fusion=%d on_no_beat=%d Se=%.2f +P=%.2f "
                            + "vt_runs found=%d/%d slow_runs_called=%d/%d our_runs=%d false=%d starts_s=%s", r.record(),
                    s.vebTruePositives(), s.vebFalseNegatives(), s.vebFalsePositives(), s.ventricularOnFusion(),
                    s.ventricularOnNoBeat(), s.vebSensitivityPercent(), s.vebPositivePredictivityPercent(),
                    s.tachycardiaRunsFound(), s.tachycardiaRuns(), s.slowRunsCalled(), s.slowRuns(), s.ourRuns(),
                    s.falseRuns(), r.runStartsSeconds().stream()
                            .map(t -> String.format(Locale.ROOT, "%.1f", t)).toList()));
        }
        VentricularScore t = report.total();
        out.println(String.format(Locale.ROOT, "ventricular veb Se=%.2f +P=%.2f (TP=%d FN=%d FP=%d, on fusion %d, on no "
                        + "beat %d) vt_runs found=%d/%d slow_runs_called=%d/%d false_runs=%d of %d seconds=%.1f "
                        + "recording_s=%.0f", t.vebSensitivityPercent(), t.vebPositivePredictivityPercent(),
                t.vebTruePositives(), t.vebFalseNegatives(), t.vebFalsePositives(), t.ventricularOnFusion(),
                t.ventricularOnNoBeat(), t.tachycardiaRunsFound(), t.tachycardiaRuns(), t.slowRunsCalled(), t.slowRuns(),
                t.falseRuns(), t.ourRuns(), report.analysisSeconds(), report.recordingSeconds()));
        return 0;
    }

    private static int printAfEpisodes(AfEpisodeEvaluation.Report report, PrintStream out) {
        for (AfEpisodeEvaluation.RecordResult r : report.records()) {
            AfEpisodeScore s = r.score();
            out.println(String.format(Locale.ROOT, "%s ref_af_s=%.1f detected_af_s=%.1f overlap_s=%.1f false_af_s=%.1f "
                            + "ref_afl_s=%.1f detected_in_afl_s=%.1f episodes ref=%d detected=%d ref_found=%d "
                            + "detected_true=%d", r.record(), s.referenceAfSeconds(), s.detectedAfSeconds(),
                    s.overlapSeconds(), s.falseAfSeconds(), s.referenceFlutterSeconds(), s.detectedInFlutterSeconds(),
                    s.referenceEpisodes(), s.detectedEpisodes(), s.referenceEpisodesFound(), s.detectedEpisodesTrue()));
        }
        AfEpisodeScore t = report.total();
        out.println(String.format(Locale.ROOT, "afl (scored apart): ref_afl_s=%.1f detected_in_afl_s=%.1f "
                        + "detected_episodes_in_afl_only=%d (not false AF time; not overlap with AF either, so they "
                        + "lower duration and episode +P)", t.referenceFlutterSeconds(), t.detectedInFlutterSeconds(),
                t.detectedEpisodesInFlutterOnly()));
        out.println(String.format(Locale.ROOT, "whole records scored (first 5 min not excluded): ref_af_s=%.1f "
                        + "detected_af_s=%.1f overlap_s=%.1f; analysis_s=%.2f recording_s=%.0f xrealtime=%.0f",
                t.referenceAfSeconds(), t.detectedAfSeconds(), t.overlapSeconds(), report.analysisSeconds(),
                report.recordingSeconds(), report.recordingSeconds() / report.analysisSeconds()));
        out.println(String.format(Locale.ROOT, "af-episodes duration Se=%.2f +P=%.2f episodes Se=%.2f +P=%.2f "
                        + "false_af_s=%.1f records=%d", t.durationSensitivityPercent(),
                t.durationPositivePredictivityPercent(), t.episodeSensitivityPercent(),
                t.episodePositivePredictivityPercent(), t.falseAfSeconds(), report.records().size()));
        return 0;
    }

    /** Delineation errors (ours − reference) per fiducial point and interval, against both references. */
    private static int printDelineation(DelineationEvaluationReport report, PrintStream out) {
        out.println(String.format(Locale.ROOT, "ludb records=%d reference_qrs=%d matched=%d", report.records(),
                report.referenceQrs(), report.matchedQrs()));
        printErrors("lead_II", report.leadII(), out);
        printErrors("all_leads", report.allLeads(), out);
        return 0;
    }

    private static void printErrors(String reference, Map<String, DelineationEvaluationReport.ErrorStatistics> errors,
            PrintStream out) {
        for (String measure : List.of("P_on", "QRS_on", "QRS_off", "T_end", "PR", "QRS", "QT")) {
            DelineationEvaluationReport.ErrorStatistics e = errors.get(measure);
            out.println(String.format(Locale.ROOT, "%s %s n=%d mean=%.1f sd=%.1f mae=%.1f ms", reference, measure,
                    e.count(), e.meanMs(), e.sdMs(), e.meanAbsoluteMs()));
        }
    }
}
