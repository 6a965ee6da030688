package org.yiwang.ecg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbReader;
import org.yiwang.ecg.signal.Beats;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.analysis.AnalysisThresholds;
import org.yiwang.ecg.signal.analysis.EcgAnalyser;
import org.yiwang.ecg.signal.analysis.EcgReport;
import org.yiwang.ecg.signal.rhythm.BeatType;
import org.yiwang.ecg.signal.rhythm.RhythmAnalysis;

/**
 * Ventricular ectopic beats and ventricular runs on annotated records, for {@code ecg-eval --ventricular}: each WFDB
 * record of a directory with a {@code .atr} is analysed whole by {@link EcgAnalyser} with the shipped thresholds,
 * and its beat classes and runs are scored against the reference labels ({@link VentricularScore}, 150 ms window).
 * Whole records: the first five minutes are scored too.
 */
@Service
public class VentricularEvaluation {

    /**
     * @param analysisSeconds  wall time of the analyses (file reading excluded)
     * @param recordingSeconds duration of the records
     */
    public record Report(List<RecordResult> records, VentricularScore total, double analysisSeconds,
            double recordingSeconds) {

        public Report {
            records = List.copyOf(records);
        }
    }

    /** @param runStartsSeconds where our runs start, for reading against the reference */
    public record RecordResult(String record, VentricularScore score, List<Double> runStartsSeconds) {

        public RecordResult {
            runStartsSeconds = List.copyOf(runStartsSeconds);
        }
    }

    public Report evaluate(Path directory) throws IOException {
        List<Path> headers = EcgEvaluation.requireReferenceRecords(directory);
        AnalysisThresholds thresholds = AnalysisThresholds.defaults();
        List<RecordResult> records = new ArrayList<>();
        VentricularScore total = VentricularScore.NONE;
        long analysisNanos = 0;
        double recordingSeconds = 0;
        for (Path header : headers) {
            String name = header.getFileName().toString().replaceFirst("\\.hea$", "");
            EcgRecording recording = WfdbReader.read(header).toRecording();
            List<Annotation> beats = MitAnnotations.read(header.resolveSibling(name + ".atr")).stream()
                    .filter(a -> AnnotationCodes.isBeat(a.code())).toList();
            long started = System.nanoTime();
            EcgReport report = EcgAnalyser.analyse(recording, thresholds);
            analysisNanos += System.nanoTime() - started;
            recordingSeconds += recording.durationSeconds();
            int[] referenceSamples = beats.stream().mapToInt(a -> Math.toIntExact(a.sample())).toArray();
            char[] referenceLabels = new char[beats.size()];
            for (int i = 0; i < referenceLabels.length; i++) {
                referenceLabels[i] = AnnotationCodes.mnemonic(beats.get(i).code());
            }
            List<VentricularScore.Run> runs = ourRuns(report.beats(), report.rhythm().ventricularRuns());
            VentricularScore score = VentricularScore.of(referenceSamples, referenceLabels,
                    report.beats().sampleIndices(), report.beatTypes().toArray(BeatType[]::new), runs,
                    recording.samplingRateHz(),
                    (int) Math.round(EcgEvaluation.MATCH_WINDOW_MS * recording.samplingRateHz() / 1000.0));
            records.add(new RecordResult(name, score, report.rhythm().ventricularRuns().stream()
                    .map(run -> run.startMs() / 1000.0).toList()));
            total = total.plus(score);
        }
        return new Report(records, total, analysisNanos / 1e9, recordingSeconds);
    }

    /** Our runs by the samples of their first and last beat (a run starts at one of the beats' times). */
    static List<VentricularScore.Run> ourRuns(Beats beats, List<RhythmAnalysis.VentricularRun> runs) {
        double[] times = new double[beats.count()];
        for (int i = 0; i < times.length; i++) {
            times[i] = beats.timeMs(i);
        }
        List<VentricularScore.Run> out = new ArrayList<>();
        for (RhythmAnalysis.VentricularRun run : runs) {
            int at = Arrays.binarySearch(times, run.startMs());
            int first = at >= 0 ? at : nearest(times, -at - 1, run.startMs());
            int last = Math.min(times.length - 1, first + run.beats() - 1);
            out.add(new VentricularScore.Run(beats.sampleIndex(first), beats.sampleIndex(last)));
        }
        return out;
    }

    private static int nearest(double[] times, int insertion, double time) {
        if (insertion >= times.length) {
            return times.length - 1;
        }
        if (insertion == 0) {
            return 0;
        }
        return time - times[insertion - 1] <= times[insertion] - time ? insertion - 1 : insertion;
    }
}
