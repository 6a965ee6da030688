package org.yiwang.ecg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;

/**
 * AF episodes found in long recordings scored against reference rhythm intervals, for {@code ecg-eval --af-episodes}.
 * Times add up over records (a total is the sum of its records' times, not a mean of their percentages). Detected AF
 * inside reference atrial flutter is not false AF time (flutter is reported apart), but it is not overlap with
 * reference AF either, so it lowers the duration +P. Pure: intervals in, figures out.
 *
 * @param referenceAfSeconds       reference atrial fibrillation time
 * @param referenceFlutterSeconds  reference atrial flutter time
 * @param detectedAfSeconds        time in detected episodes
 * @param overlapSeconds           detected time inside reference AF
 * @param detectedInFlutterSeconds detected time inside reference flutter
 * @param falseAfSeconds           detected time outside reference AF and flutter
 * @param referenceEpisodes        reference AF episodes (adjacent AF intervals joined)
 * @param detectedEpisodes         detected episodes
 * @param referenceEpisodesFound   reference episodes overlapping a detected one
 * @param detectedEpisodesTrue     detected episodes overlapping a reference AF episode
 * @param detectedEpisodesInFlutterOnly detected episodes overlapping reference flutter and no reference AF
 */
public record AfEpisodeScore(double referenceAfSeconds, double referenceFlutterSeconds, double detectedAfSeconds,
        double overlapSeconds, double detectedInFlutterSeconds, double falseAfSeconds, int referenceEpisodes,
        int detectedEpisodes, int referenceEpisodesFound, int detectedEpisodesTrue, int detectedEpisodesInFlutterOnly) {

    /** Aux text of a rhythm-change annotation opening atrial fibrillation, without its leading parenthesis. */
    public static final String FIBRILLATION = "AFIB";
    /** The same for atrial flutter. */
    public static final String FLUTTER = "AFL";

    /** A stretch of time in seconds from the start of the recording. */
    public record Interval(double startSeconds, double endSeconds) {

        public Interval {
            if (!(startSeconds <= endSeconds)) {
                throw new IllegalArgumentException("interval ends before it starts: " + startSeconds + " to "
                        + endSeconds);
            }
        }

        double seconds() {
            return endSeconds - startSeconds;
        }

        boolean overlaps(Interval other) {
            return startSeconds < other.endSeconds && other.startSeconds < endSeconds;
        }
    }

    public static final AfEpisodeScore NONE = new AfEpisodeScore(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * @param referenceAf      reference atrial fibrillation
     * @param referenceFlutter reference atrial flutter (should not overlap {@code referenceAf})
     * @param detected         the detected episodes
     */
    public static AfEpisodeScore of(List<Interval> referenceAf, List<Interval> referenceFlutter, List<Interval> detected) {
        List<Interval> af = union(referenceAf);
        List<Interval> flutter = union(referenceFlutter);
        List<Interval> found = union(detected);
        List<Interval> afOrFlutter = new ArrayList<>(af);
        afOrFlutter.addAll(flutter);
        double detectedSeconds = seconds(found);
        int referenceFound = (int) af.stream().filter(r -> detected.stream().anyMatch(r::overlaps)).count();
        int detectedTrue = (int) detected.stream().filter(d -> af.stream().anyMatch(d::overlaps)).count();
        int inFlutterOnly = (int) detected.stream()
                .filter(d -> af.stream().noneMatch(d::overlaps) && flutter.stream().anyMatch(d::overlaps)).count();
        return new AfEpisodeScore(seconds(af), seconds(flutter), detectedSeconds, overlap(found, af),
                overlap(found, flutter), detectedSeconds - overlap(found, union(afOrFlutter)), af.size(),
                detected.size(), referenceFound, detectedTrue, inFlutterOnly);
    }

    /** This record's figures added to another's. */
    public AfEpisodeScore plus(AfEpisodeScore o) {
        return new AfEpisodeScore(referenceAfSeconds + o.referenceAfSeconds,
                referenceFlutterSeconds + o.referenceFlutterSeconds, detectedAfSeconds + o.detectedAfSeconds,
                overlapSeconds + o.overlapSeconds, detectedInFlutterSeconds + o.detectedInFlutterSeconds,
                falseAfSeconds + o.falseAfSeconds, referenceEpisodes + o.referenceEpisodes,
                detectedEpisodes + o.detectedEpisodes, referenceEpisodesFound + o.referenceEpisodesFound,
                detectedEpisodesTrue + o.detectedEpisodesTrue,
                detectedEpisodesInFlutterOnly + o.detectedEpisodesInFlutterOnly);
    }

    /** Share of the reference AF time that was detected; NaN without reference AF. */
    public double durationSensitivityPercent() {
        return percent(overlapSeconds, referenceAfSeconds);
    }

    /** Share of the detected AF time that is reference AF; NaN without detections. */
    public double durationPositivePredictivityPercent() {
        return percent(overlapSeconds, detectedAfSeconds);
    }

    public double episodeSensitivityPercent() {
        return percent(referenceEpisodesFound, referenceEpisodes);
    }

    public double episodePositivePredictivityPercent() {
        return percent(detectedEpisodesTrue, detectedEpisodes);
    }

    private static double percent(double part, double whole) {
        return whole > 0 ? 100 * part / whole : Double.NaN;
    }

    /**
     * The reference rhythms of an annotation file: each rhythm-change annotation ({@code (AFIB}, {@code (N}, …) opens
     * a rhythm that lasts until the next one or the end of the recording; keyed by the aux text without its
     * parenthesis, each list in time order with adjacent stretches of one rhythm joined.
     */
    public static Map<String, List<Interval>> rhythms(List<Annotation> annotations, double samplingRateHz,
            long sampleCount) {
        List<Annotation> changes = annotations.stream()
                .filter(a -> a.code() == AnnotationCodes.RHYTHM && a.aux().startsWith("("))
                .sorted(Comparator.comparingLong(Annotation::sample)).toList();
        Map<String, List<Interval>> rhythms = new TreeMap<>();
        for (int i = 0; i < changes.size(); i++) {
            long from = Math.min(changes.get(i).sample(), sampleCount);
            long to = i + 1 < changes.size() ? Math.min(changes.get(i + 1).sample(), sampleCount) : sampleCount;
            if (to > from) {
                rhythms.computeIfAbsent(changes.get(i).aux().substring(1).trim(), r -> new ArrayList<>())
                        .add(new Interval(from / samplingRateHz, to / samplingRateHz));
            }
        }
        rhythms.replaceAll((rhythm, intervals) -> union(intervals));
        return rhythms;
    }

    /** The intervals sorted, with overlapping and touching ones joined. */
    static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream().sorted(Comparator.comparingDouble(Interval::startSeconds)).toList();
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && i.startSeconds() <= out.getLast().endSeconds()) {
                Interval last = out.removeLast();
                out.add(new Interval(last.startSeconds(), Math.max(last.endSeconds(), i.endSeconds())));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    private static double seconds(List<Interval> intervals) {
        return intervals.stream().mapToDouble(Interval::seconds).sum();
    }

    /** Time common to two unions (sorted, disjoint). */
    private static double overlap(List<Interval> a, List<Interval> b) {
        double common = 0;
        int j = 0;
        for (Interval i : a) {
            while (j < b.size() && b.get(j).endSeconds() <= i.startSeconds()) {
                j++;
            }
            for (int k = j; k < b.size() && b.get(k).startSeconds() < i.endSeconds(); k++) {
                common += Math.min(i.endSeconds(), b.get(k).endSeconds()) - Math.max(i.startSeconds(), b.get(k).startSeconds());
            }
        }
        return common;
    }
}
