package org.yiwang.ecg;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.LeadQuality;
import org.yiwang.ecg.signal.MinuteRates;
import org.yiwang.ecg.signal.QualityIssue;
import org.yiwang.ecg.signal.QualitySegment;
import org.yiwang.ecg.signal.RrStatistics;
import org.yiwang.ecg.signal.analysis.AnalysisThresholds;
import org.yiwang.ecg.signal.analysis.EcgAnalyser;
import org.yiwang.ecg.signal.analysis.EcgReport;
import org.yiwang.ecg.signal.analysis.Finding;
import org.yiwang.ecg.signal.analysis.PatientContext;
import org.yiwang.ecg.signal.delineation.StemiCriteria;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.ResidentSummary;

/**
 * Runs the automatic pre-analysis of each stored recording, off the upload's thread and after its commit, and stores
 * it with the detected beats. Long recordings are analysed in consecutive segments so memory stays bounded.
 * Recordings left unanalysed by a stopped node are picked up at the next start.
 */
@Component
class PreAnalysisJob {

    private static final Logger log = LoggerFactory.getLogger(PreAnalysisJob.class);

    private final RecordingStore store;
    private final Residents residents;
    private final ApplicationEventPublisher events;
    private final EcgProperties properties;
    private final AnalysisThresholds thresholds;
    private final Clock clock;

    PreAnalysisJob(RecordingStore store, Residents residents, ApplicationEventPublisher events,
                   EcgProperties properties, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        EcgProperties.Critical c = properties.critical();
        AnalysisThresholds d = AnalysisThresholds.defaults();
        this.thresholds = new AnalysisThresholds(d.detector(), d.rhythm(), d.st(), c.extremeBradycardiaBpm(),
                c.extremeTachycardiaBpm(), c.afRapidResponseBpm(), c.pauseMs(), c.prolongedQtcMs(),
                c.usableLeadFraction());
    }

    @Async(EcgConfiguration.ANALYSIS_EXECUTOR)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(EcgRecordingReceived received) {
        analyse(received.recordingId());
    }

    /** After a restart: recordings that were stored but never analysed (their node stopped first). */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        List<Long> waiting = store.awaitingAnalysis(clock.instant().minus(Duration.ofMinutes(1)), 1000);
        if (!waiting.isEmpty()) {
            log.info("pre-analysing {} ECG recordings left from before the start", waiting.size());
            waiting.forEach(this::analyseQuietly);
        }
    }

    private void analyseQuietly(long id) {
        try {
            analyse(id);
        } catch (RuntimeException e) {
            log.error("pre-analysis of ECG {} failed", id, e);
        }
    }

    /** Analyses one recording and stores the result; false when it was analysed already. */
    @Transactional
    boolean analyse(long recordingId) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (r.analysedAt() != null) {
            return false;
        }
        RecordingStore.Layout layout = store.layout(recordingId).orElseThrow();
        PatientContext patient = patientOf(r);
        int segment = (int) Math.round(r.samplingRateHz() * properties.analysisSegmentSeconds());
        // a short tail joins the segment before it: too little signal for a rhythm of its own
        List<long[]> ranges = new ArrayList<>();
        for (long from = 0; from < r.sampleCount(); from += segment) {
            long to = Math.min(r.sampleCount(), from + segment);
            if (!ranges.isEmpty() && to - from < segment / 3) {
                ranges.getLast()[1] = to;
            } else {
                ranges.add(new long[] {from, to});
            }
        }
        Merged merged = new Merged(r.samplingRateHz());
        for (long[] range : ranges) {
            EcgRecording part = EcgRecording.of(r.samplingRateHz(), r.leadNames(),
                    store.samples(recordingId, layout, range[0], range[1]));
            merged.add(EcgAnalyser.analyse(part, patient, thresholds), range[0]);
        }
        EcgPreAnalysis analysis = merged.result(ranges.size());
        if (!store.saveAnalysis(recordingId, analysis, merged.beats(), clock.instant())) {
            return false;
        }
        events.publishEvent(new EcgRecordingAnalysed(recordingId, r.residentId(), r.organisationId(),
                r.readingCentreId(), analysis.critical()));
        return true;
    }

    private PatientContext patientOf(EcgRecordingSummary r) {
        return residents.findCurrent(r.residentId(), "ECG pre-analysis: sex and age for the ST criteria")
                .map(p -> new PatientContext(switch (p.sex()) {
                    case MALE -> StemiCriteria.Sex.MALE;
                    case FEMALE -> StemiCriteria.Sex.FEMALE;
                    default -> StemiCriteria.Sex.UNKNOWN;
                }, p.birthDate() == null ? null
                        : java.time.Period.between(p.birthDate(), r.acquiredAt().atZone(java.time.ZoneOffset.UTC)
                                .toLocalDate()).getYears()))
                .orElse(PatientContext.unknown());
    }

    /** Recordings at least this long get a Holter summary (rhythm times, slowest and fastest minute, pauses). */
    static final double HOLTER_SUMMARY_FROM_SECONDS = 120;
    /** A Holter's minute rates: a minute counts when its usable RR intervals span at least half of it. */
    static final double MINUTE_MS = 60_000;
    static final double MINUTE_COVERED_FRACTION = 0.5;

    /** Segment reports folded into one pre-analysis. */
    private static final class Merged {

        private final double samplingRateHz;
        private final List<int[]> beatParts = new ArrayList<>();
        private final Map<String, EcgPreAnalysis.Finding> findings = new LinkedHashMap<>();
        private final Map<String, Double> rhythmSeconds = new LinkedHashMap<>();
        private final Map<String, double[]> leadUsable = new LinkedHashMap<>();
        private final Map<String, EnumMap<QualityIssue, Integer>> leadIssues = new LinkedHashMap<>();
        private EcgReport first;
        private int beatCount;
        private int ventricularBeats;
        private int supraventricularBeats;
        private double rateTimesSeconds;
        private double rateSeconds;
        private double durationSeconds;
        private MinuteRates.Window slowestMinute;
        private MinuteRates.Window fastestMinute;
        private int pauses;
        private EcgPreAnalysis.HolterSummary.Pause longestPause;

        Merged(double samplingRateHz) {
            this.samplingRateHz = samplingRateHz;
        }

        void add(EcgReport report, long offsetSamples) {
            if (first == null) {
                first = report;
            }
            int[] beats = report.beats().sampleIndices();
            int[] shifted = new int[beats.length];
            for (int i = 0; i < beats.length; i++) {
                shifted[i] = (int) (beats[i] + offsetSamples);
            }
            beatParts.add(shifted);
            beatCount += beats.length;
            ventricularBeats += report.rhythm().ventricularBeats();
            supraventricularBeats += report.rhythm().supraventricularBeats();
            double seconds = report.durationMs() / 1000;
            if (Double.isFinite(report.heartRateBpm()) && report.heartRateBpm() > 0) {
                rateTimesSeconds += report.heartRateBpm() * seconds;
                rateSeconds += seconds;
            }
            double at = offsetSamples / samplingRateHz;
            durationSeconds += seconds;
            // minutes counted from each segment's start: minutes of the recording when segments are whole minutes long
            MinuteRates minutes = MinuteRates.of(report.beats(), report.quality(), MINUTE_MS, MINUTE_COVERED_FRACTION);
            for (MinuteRates.Window w : minutes.windows()) {
                MinuteRates.Window minute = new MinuteRates.Window(w.startMs() + at * 1000, w.rateBpm());
                if (slowestMinute == null || minute.rateBpm() < slowestMinute.rateBpm()) {
                    slowestMinute = minute;
                }
                if (fastestMinute == null || minute.rateBpm() > fastestMinute.rateBpm()) {
                    fastestMinute = minute;
                }
            }
            for (RrStatistics.Pause p : report.rr().pauses()) {
                pauses++;
                if (longestPause == null || p.durationMs() > longestPause.durationMs()) {
                    longestPause = new EcgPreAnalysis.HolterSummary.Pause(
                            (long) Math.floor(at + p.startSample() / samplingRateHz), p.durationMs());
                }
            }
            for (Finding f : report.findings()) {
                findings.merge(f.code().name(),
                        new EcgPreAnalysis.Finding(f.code().name(), f.confidence(), f.critical(), f.detail(), at),
                        (earlier, later) -> later.confidence() > earlier.confidence()
                                ? new EcgPreAnalysis.Finding(earlier.code(), later.confidence(),
                                        earlier.critical() || later.critical(), earlier.detail(), earlier.atSeconds())
                                : earlier);
            }
            rhythmSeconds.merge(report.rhythm().label().name(), seconds, Double::sum);
            for (LeadQuality lead : report.quality().leads()) {
                leadUsable.computeIfAbsent(lead.leadName(), l -> new double[2]);
                double[] sums = leadUsable.get(lead.leadName());
                sums[0] += lead.usableFraction() * lead.sampleCount();
                sums[1] += lead.sampleCount();
                for (QualitySegment s : lead.unusableSegments()) {
                    leadIssues.computeIfAbsent(lead.leadName(), l -> new EnumMap<>(QualityIssue.class))
                            .merge(s.issue(), s.endSample() - s.startSample(), Integer::sum);
                }
            }
        }

        int[] beats() {
            int[] all = new int[beatCount];
            int at = 0;
            for (int[] part : beatParts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }

        EcgPreAnalysis result(int segments) {
            String rhythm = rhythmSeconds.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElseThrow();
            // each segment's rate from its RR intervals, weighted by the segment's duration
            Double rate = rateSeconds > 0 ? Math.round(rateTimesSeconds / rateSeconds * 10) / 10.0 : null;
            List<EcgPreAnalysis.Finding> sorted = findings.values().stream()
                    .sorted(Comparator.comparing(EcgPreAnalysis.Finding::critical).reversed()
                            .thenComparing(Comparator.comparingDouble(EcgPreAnalysis.Finding::confidence).reversed()))
                    .toList();
            EcgPreAnalysis.Intervals intervals = segments == 1 ? first.delineation()
                    .map(d -> new EcgPreAnalysis.Intervals(finite(d.intervals().prMs()), finite(d.intervals().qrsMs()),
                            finite(d.intervals().qtMs()), finite(d.intervals().qtcMs())))
                    .orElse(null) : null;
            List<EcgPreAnalysis.LeadState> leads = new ArrayList<>();
            leadUsable.forEach((lead, sums) -> leads.add(new EcgPreAnalysis.LeadState(lead,
                    Math.round(sums[0] / sums[1] * 1000) / 1000.0,
                    leadIssues.containsKey(lead) ? leadIssues.get(lead).entrySet().stream()
                            .max(Map.Entry.comparingByValue()).orElseThrow().getKey().name() : null)));
            return new EcgPreAnalysis(rate, rhythm, beatCount, sorted, intervals,
                    first.stemi().suspect() ? first.stemi().elevatedLeads() : List.of(),
                    first.stemi().suspect() ? first.stemi().territories() : List.of(), leads, segments,
                    ventricularBeats, supraventricularBeats,
                    durationSeconds >= HOLTER_SUMMARY_FROM_SECONDS ? holterSummary() : null);
        }

        private EcgPreAnalysis.HolterSummary holterSummary() {
            List<EcgPreAnalysis.HolterSummary.RhythmTime> times = rhythmSeconds.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> new EcgPreAnalysis.HolterSummary.RhythmTime(e.getKey(), Math.round(e.getValue() * 10) / 10.0,
                            Math.round(1000 * e.getValue() / durationSeconds) / 10.0))
                    .toList();
            return new EcgPreAnalysis.HolterSummary(times, minute(slowestMinute), minute(fastestMinute), pauses,
                    longestPause);
        }

        private static EcgPreAnalysis.HolterSummary.MinuteRate minute(MinuteRates.Window w) {
            return w == null ? null : new EcgPreAnalysis.HolterSummary.MinuteRate(Math.round(w.startMs() / 1000),
                    Math.round(w.rateBpm() * 10) / 10.0);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
