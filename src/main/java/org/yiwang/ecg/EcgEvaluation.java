package org.yiwang.ecg;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbReader;
import org.yiwang.ecg.format.WfdbRecord;
import org.yiwang.ecg.signal.BeatComparison;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.QrsDetection;
import org.yiwang.ecg.signal.QrsDetector;
import org.yiwang.ecg.signal.QualitySegment;

/**
 * Accuracy evaluations of the ECG analysis against public reference databases (WFDB records with reference
 * annotations), for the {@code ecg-eval} command.
 */
@Service
public class EcgEvaluation {

    /** AAMI EC57: beats in the first five minutes are not scored. */
    static final double EXCLUDED_START_SECONDS = 300;
    /** AAMI EC57 match window. */
    static final double MATCH_WINDOW_MS = 150;

    /** Untimed runs on the first record so that the JIT has compiled the detector before timing starts. */
    static final int WARM_UP_RUNS = 5;
    /** Each record is timed this many times and the fastest run counts (other processes share the machine). */
    static final int TIMED_RUNS = 3;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final QrsDetector detector = new QrsDetector();

    /**
     * Runs the QRS detector on every WFDB record in {@code directory} that has a {@code .atr} reference and scores it
     * beat by beat (150 ms window, first 5 minutes and ventricular flutter episodes excluded, reference beats = the
     * EC57 beat labels); also scored with the stretches withheld as unusable in every lead left out of both lists (EC57
     * reports such stretches apart; the overall figures count their reference beats as missed). Records are processed
     * in name order on this thread; the detector is warmed up on the first one untimed, and each record's detector time is the fastest of {@link #TIMED_RUNS} runs (file reading excluded),
     * measured as this thread's CPU time so that other processes on a shared machine do not inflate it (the wall time
     * is reported beside it).
     */
    public QrsEvaluationReport evaluateQrs(Path directory) throws IOException {
        List<Path> headers = requireReferenceRecords(directory);
        List<QrsRecordScore> scores = new ArrayList<>();
        boolean warm = false;
        for (Path header : headers) {
            String name = header.getFileName().toString().replaceFirst("\\.hea$", "");
            WfdbRecord record = WfdbReader.read(header);
            List<Annotation> annotations = MitAnnotations.read(header.resolveSibling(name + ".atr"));
            EcgRecording recording = record.toRecording();
            if (!warm) {
                for (int run = 0; run < WARM_UP_RUNS; run++) {
                    detector.detect(recording);
                }
                warm = true;
            }
            QrsDetection detection = null;
            long cpuNanos = Long.MAX_VALUE;
            long wallNanos = Long.MAX_VALUE;
            for (int run = 0; run < TIMED_RUNS; run++) {
                long cpuStarted = THREADS.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                detection = detector.detect(recording);
                wallNanos = Math.min(wallNanos, System.nanoTime() - started);
                cpuNanos = Math.min(cpuNanos, THREADS.getCurrentThreadCpuTime() - cpuStarted);
            }
            scores.add(score(name, recording, annotations, detection, cpuNanos, wallNanos));
        }
        return new QrsEvaluationReport(scores);
    }

    private static QrsRecordScore score(String name, EcgRecording recording, List<Annotation> annotations,
            QrsDetection detection, long cpuNanos, long wallNanos) {
        double fs = recording.samplingRateHz();
        List<int[]> flutter = new ArrayList<>();
        int[] reference = new int[annotations.size()];
        int count = 0;
        int flutterStart = -1;
        for (Annotation a : annotations) {
            if (a.code() == AnnotationCodes.VF_ONSET) {
                flutterStart = (int) a.sample();
            } else if (a.code() == AnnotationCodes.VF_OFFSET && flutterStart >= 0) {
                flutter.add(new int[] {flutterStart, (int) a.sample() + 1});
                flutterStart = -1;
            } else if (a.isBeat()) {
                reference[count++] = (int) a.sample();
            }
        }
        if (flutterStart >= 0) {
            flutter.add(new int[] {flutterStart, recording.sampleCount()});
        }
        int[] beats = java.util.Arrays.copyOf(reference, count);
        int from = (int) Math.round(EXCLUDED_START_SECONDS * fs);
        BeatComparison comparison = BeatComparison.compare(beats, detection.beats().sampleIndices(),
                (int) Math.round(MATCH_WINDOW_MS * fs / 1000.0), from, flutter);
        long withheld = 0;
        List<int[]> excluded = new ArrayList<>(flutter);
        for (QualitySegment segment : detection.quality().unusableInAllLeads()) {
            withheld += Math.max(0, segment.endSample() - Math.max(from, segment.startSample()));
            excluded.add(new int[] {segment.startSample(), segment.endSample()});
        }
        BeatComparison outside = BeatComparison.compare(beats, detection.beats().sampleIndices(),
                (int) Math.round(MATCH_WINDOW_MS * fs / 1000.0), from, excluded);
        double scored = Math.max(0, recording.sampleCount() - from) / fs;
        return new QrsRecordScore(name, comparison.truePositives(), comparison.falseNegatives(),
                comparison.falsePositives(), recording.durationSeconds(), cpuNanos, wallNanos, scored, withheld / fs,
                outside);
    }

    /** As {@link #referenceRecords}, refusing a directory without any: there is nothing to score. */
    static List<Path> requireReferenceRecords(Path directory) throws IOException {
        List<Path> headers = referenceRecords(directory);
        if (headers.isEmpty()) {
            throw new IOException("no WFDB record with a .atr reference annotation file in " + directory);
        }
        return headers;
    }

    /** The headers of the WFDB records in {@code directory} that have a {@code .atr} reference, in name order. */
    static List<Path> referenceRecords(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hea"))
                    .filter(p -> Files.exists(p.resolveSibling(
                            p.getFileName().toString().replaceFirst("\\.hea$", ".atr"))))
                    .sorted().toList();
        }
    }
}
