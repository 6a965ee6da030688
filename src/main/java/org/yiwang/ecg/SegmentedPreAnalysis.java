package org.yiwang.ecg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
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
import org.yiwang.ecg.signal.rhythm.AfEpisodes;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;
import org.yiwang.ecg.signal.rhythm.RhythmThresholds;

/**
 * The pre-analysis of a whole recording from wherever its samples come (the stored blocks for {@link PreAnalysisJob},
 * a reference record for the evaluations): long recordings are analysed in consecutive segments so memory stays
 * bounded, their reports folded into one, and a Holter's AF episodes searched beat by beat across the segments.
 */
@Component
class SegmentedPreAnalysis {

    /** Samples {@code [from, to)} of every lead in microvolts, {@code [lead][sample]}. */
    @FunctionalInterface
    interface Samples {
        int[][] read(long from, long to);
    }

    /**
     * @param analysis   what is stored
     * @param beats      every detected beat, as a sample index from the recording's start
     * @param afEpisodes every AF episode of a recording long enough for a Holter summary (the summary keeps only the
     *                   longest), in time order; empty for shorter ones
     */
    record Result(EcgPreAnalysis analysis, int[] beats, List<AfEpisodes.Episode> afEpisodes) {
    }

    private final EcgProperties properties;
    private final AnalysisThresholds thresholds;

    SegmentedPreAnalysis(EcgProperties properties) {
        this.properties = properties;
        EcgProperties.Critical c = properties.critical();
        AnalysisThresholds d = AnalysisThresholds.defaults();
        EcgProperties.Holter h = properties.holter();
        this.thresholds = new AnalysisThresholds(d.detector(), d.rhythm().withAfEpisodes(h.afEpisodeWindowIntervals(),
                h.afEpisodeMinimumSeconds() * 1000), d.st(), c.extremeBradycardiaBpm(),
                c.extremeTachycardiaBpm(), c.afRapidResponseBpm(), c.pauseMs(), c.prolongedQtcMs(),
                c.usableLeadFraction());
    }

    /** @param samples called once per segment, in order */
    Result analyse(double samplingRateHz, List<String> leadNames, long sampleCount, PatientContext patient,
            Samples samples) {
        List<long[]> ranges = segments(sampleCount, (int) Math.round(samplingRateHz * properties.analysisSegmentSeconds()));
        boolean holter = sampleCount / samplingRateHz >= HOLTER_SUMMARY_FROM_SECONDS;
        Merged merged = new Merged(samplingRateHz, thresholds.rhythm(), properties.holter().afEpisodesShown());
        for (long[] range : ranges) {
            EcgRecording part = EcgRecording.of(samplingRateHz, leadNames, samples.read(range[0], range[1]));
            EcgReport report = EcgAnalyser.analyse(part, patient, thresholds);
            // a long recording's AF episodes are read beat by beat while the segment's signal is at hand
            merged.add(report, range[0], holter ? EcgAnalyser.afSegment(part, report, thresholds.rhythm()) : null);
        }
        EcgPreAnalysis analysis = merged.result(ranges.size());
        return new Result(analysis, merged.beats(), merged.episodes == null ? List.of() : merged.episodes);
    }

    /**
     * Consecutive {@code [from, to)} ranges of {@code segment} samples; a tail under a third of a segment joins the
     * segment before it (too little signal for a rhythm of its own).
     */
    private static List<long[]> segments(long sampleCount, int segment) {
        List<long[]> ranges = new ArrayList<>();
        for (long from = 0; from < sampleCount; from += segment) {
            long to = Math.min(sampleCount, from + segment);
            if (!ranges.isEmpty() && to - from < segment / 3) {
                ranges.getLast()[1] = to;
            } else {
                ranges.add(new long[] {from, to});
            }
        }
        return ranges;
    }

    /** Recordings at least this long get a Holter summary (rhythm times, slowest and fastest minute, pauses). */
    static final double HOLTER_SUMMARY_FROM_SECONDS = 120;
    /** A Holter's minute rates: a minute counts when its usable RR intervals span at least half of it. */
    static final double MINUTE_MS = 60_000;
    static final double MINUTE_COVERED_FRACTION = 0.5;
    /** The rate trend gives the minute rates per hour from two hours of recording, per 10 minutes below. */
    static final double HOURLY_TREND_FROM_SECONDS = 7200;
    static final long HOUR_SECONDS = 3600;
    static final long SHORT_TREND_PERIOD_SECONDS = 600;

    /** Segment reports folded into one pre-analysis. */
    private static final class Merged {

        private final double samplingRateHz;
        private final RhythmThresholds rhythmThresholds;
        private final int afEpisodesShown;
        private final AfEpisodes.Sequence afSequence = new AfEpisodes.Sequence();
        /** each segment's rhythm: its label, start and duration in seconds */
        private final List<SegmentRhythm> segmentRhythms = new ArrayList<>();
        private final List<MinuteRates.Window> minuteRates = new ArrayList<>();
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
        private int pauses;
        private EcgPreAnalysis.HolterSummary.Pause longestPause;
        /** every AF episode once the Holter summary is made, null before and for short recordings */
        private List<AfEpisodes.Episode> episodes;

        Merged(double samplingRateHz, RhythmThresholds rhythmThresholds, int afEpisodesShown) {
            this.samplingRateHz = samplingRateHz;
            this.rhythmThresholds = rhythmThresholds;
            this.afEpisodesShown = afEpisodesShown;
        }

        private record SegmentRhythm(String label, double atSeconds, double seconds) {
        }

        /** @param af the segment's beats for the AF episode search, null when the recording is too short for one */
        void add(EcgReport report, long offsetSamples, AfEpisodes.Segment af) {
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
                minuteRates.add(new MinuteRates.Window(w.startMs() + at * 1000, w.rateBpm()));
            }
            if (af != null) {
                afSequence.add(at * 1000, af);
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
            segmentRhythms.add(new SegmentRhythm(report.rhythm().label().name(), at, seconds));
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
            episodes = afSequence.episodes(rhythmThresholds);
            double afSeconds = episodes.stream().mapToDouble(AfEpisodes.Episode::durationMs).sum() / 1000;
            List<EcgPreAnalysis.HolterSummary.RhythmTime> times = rhythmTimes(episodes, afSeconds).entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> new EcgPreAnalysis.HolterSummary.RhythmTime(e.getKey(), Math.round(e.getValue() * 10) / 10.0,
                            percentOfAnalysed(e.getValue())))
                    .toList();
            List<EcgPreAnalysis.HolterSummary.AfEpisode> longest = episodes.stream()
                    .sorted(Comparator.comparingDouble(AfEpisodes.Episode::durationMs).reversed())
                    .limit(afEpisodesShown)
                    .sorted(Comparator.comparingDouble(AfEpisodes.Episode::startMs))
                    .map(e -> new EcgPreAnalysis.HolterSummary.AfEpisode(Math.round(e.startMs() / 100) / 10.0,
                            Math.round(e.durationMs() / 100) / 10.0, Math.round(e.meanRateBpm() * 10) / 10.0,
                            Math.round(e.maxRateBpm() * 10) / 10.0))
                    .toList();
            MinuteRates minutes = new MinuteRates(minuteRates);
            long period = durationSeconds >= HOURLY_TREND_FROM_SECONDS ? HOUR_SECONDS : SHORT_TREND_PERIOD_SECONDS;
            List<EcgPreAnalysis.HolterSummary.RatePeriod> trend = minutes.periods(period * 1000.0).stream()
                    .map(p -> new EcgPreAnalysis.HolterSummary.RatePeriod(Math.round(p.startMs() / 1000), period,
                            Math.round(p.minBpm() * 10) / 10.0, Math.round(p.meanBpm() * 10) / 10.0,
                            Math.round(p.maxBpm() * 10) / 10.0))
                    .toList();
            return new EcgPreAnalysis.HolterSummary(times, minute(minutes.slowest().orElse(null)),
                    minute(minutes.fastest().orElse(null)), pauses, longestPause,
                    new EcgPreAnalysis.HolterSummary.AfBurden(episodes.size(), Math.round(afSeconds * 10) / 10.0,
                            percentOfAnalysed(afSeconds), longest),
                    trend);
        }

        private double percentOfAnalysed(double seconds) {
            return Math.round(1000 * seconds / durationSeconds) / 10.0;
        }

        /**
         * Seconds per rhythm: atrial fibrillation's from its episodes; each segment's time outside them with the
         * segment's rhythm, or, in a segment read as fibrillation as a whole, with the rhythm of the nearest segment
         * that was not (the stretch the beat-by-beat search did not confirm lies at the paroxysm's edge).
         */
        private Map<String, Double> rhythmTimes(List<AfEpisodes.Episode> episodes, double afSeconds) {
            String af = RhythmLabel.ATRIAL_FIBRILLATION.name();
            Map<String, Double> seconds = new LinkedHashMap<>();
            if (afSeconds > 0) {
                seconds.put(af, afSeconds);
            }
            int e = 0;
            for (int i = 0; i < segmentRhythms.size(); i++) {
                SegmentRhythm s = segmentRhythms.get(i);
                double from = s.atSeconds();
                double to = s.atSeconds() + s.seconds();
                while (e < episodes.size() && episodes.get(e).endMs() / 1000 <= from) {
                    e++;
                }
                double inAf = 0;
                for (int k = e; k < episodes.size() && episodes.get(k).startMs() / 1000 < to; k++) {
                    inAf += Math.min(to, episodes.get(k).endMs() / 1000) - Math.max(from, episodes.get(k).startMs() / 1000);
                }
                double outside = Math.max(0, s.seconds() - inAf);
                if (outside > 0) {
                    seconds.merge(s.label().equals(af) ? nearestOtherRhythm(i, af) : s.label(), outside, Double::sum);
                }
            }
            return seconds;
        }

        private String nearestOtherRhythm(int segment, String af) {
            for (int d = 1; d < segmentRhythms.size(); d++) {
                for (int i : new int[] {segment - d, segment + d}) {
                    if (i >= 0 && i < segmentRhythms.size() && !segmentRhythms.get(i).label().equals(af)) {
                        return segmentRhythms.get(i).label();
                    }
                }
            }
            return RhythmLabel.UNDETERMINED.name();
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
