package org.yiwang.ecg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbReader;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.analysis.PatientContext;

/**
 * The Holter AF episode search on annotated long recordings, for {@code ecg-eval --af-episodes}: every WFDB record of a
 * directory with a {@code .atr} goes through the pre-analysis production runs on a stored recording
 * ({@link SegmentedPreAnalysis}: the same segments, settings and episode search, the samples read from the record
 * instead of the database), and its episodes are scored against the reference {@code (AFIB} intervals
 * ({@link AfEpisodeScore}; {@code (AFL} apart). The whole recording is scored: unlike the QRS evaluation, the first
 * five minutes are not left out.
 */
@Service
public class AfEpisodeEvaluation {

    private static final Logger log = LoggerFactory.getLogger(AfEpisodeEvaluation.class);

    private final SegmentedPreAnalysis segmented;

    AfEpisodeEvaluation(SegmentedPreAnalysis segmented) {
        this.segmented = segmented;
    }

    /**
     * @param analysisSeconds  wall time of the pre-analyses (file reading excluded)
     * @param recordingSeconds duration of the records
     */
    public record Report(List<RecordResult> records, AfEpisodeScore total, double analysisSeconds,
            double recordingSeconds) {

        public Report {
            records = List.copyOf(records);
        }
    }

    /** @param episodes the detected episodes */
    public record RecordResult(String record, AfEpisodeScore score, List<AfEpisodeScore.Interval> episodes) {

        public RecordResult {
            episodes = List.copyOf(episodes);
        }
    }

    public Report evaluate(Path directory) throws IOException {
        List<Path> headers = EcgEvaluation.requireReferenceRecords(directory);
        List<RecordResult> records = new ArrayList<>();
        AfEpisodeScore total = AfEpisodeScore.NONE;
        long analysisNanos = 0;
        double recordingSeconds = 0;
        for (Path header : headers) {
            String name = header.getFileName().toString().replaceFirst("\\.hea$", "");
            EcgRecording recording = WfdbReader.read(header).toRecording();
            double fs = recording.samplingRateHz();
            Map<String, List<AfEpisodeScore.Interval>> reference = AfEpisodeScore.rhythms(
                    MitAnnotations.read(header.resolveSibling(name + ".atr")), fs, recording.sampleCount());
            long started = System.nanoTime();
            SegmentedPreAnalysis.Result result = segmented.analyse(fs, recording.leadNames(), recording.sampleCount(),
                    PatientContext.unknown(), (from, to) -> samples(recording, from, to));
            analysisNanos += System.nanoTime() - started;
            recordingSeconds += recording.durationSeconds();
            List<AfEpisodeScore.Interval> episodes = result.afEpisodes().stream()
                    .map(e -> new AfEpisodeScore.Interval(e.startMs() / 1000, e.endMs() / 1000)).toList();
            AfEpisodeScore score = AfEpisodeScore.of(reference.getOrDefault(AfEpisodeScore.FIBRILLATION, List.of()),
                    reference.getOrDefault(AfEpisodeScore.FLUTTER, List.of()), episodes);
            // where the errors lie, for reading against the reference rhythms
            if (!episodes.isEmpty()) {
                log.info("{} detected AF episodes (s): {}", name, episodes.stream().map(e -> String.format(
                        java.util.Locale.ROOT, "%.1f-%.1f", e.startSeconds(), e.endSeconds())).toList());
            }
            records.add(new RecordResult(name, score, episodes));
            total = total.plus(score);
        }
        return new Report(records, total, analysisNanos / 1e9, recordingSeconds);
    }

    private static int[][] samples(EcgRecording recording, long from, long to) {
        EcgRecording part = recording.slice((int) from, (int) to);
        int[][] out = new int[part.leadCount()][];
        for (int lead = 0; lead < out.length; lead++) {
            out[lead] = part.leadMicrovolts(lead);
        }
        return out;
    }
}
