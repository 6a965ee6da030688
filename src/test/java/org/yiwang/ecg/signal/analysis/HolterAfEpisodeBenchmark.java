package org.yiwang.ecg.signal.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.rhythm.AfEpisodes;

/**
 * How well and at what cost a Holter's AF episodes are found beat by beat: onset and offset errors on synthetic
 * paroxysms of several lengths and rates (sinus rhythm at 70/min either side, onsets inside a 5-minute analysis segment
 * and across a boundary), and the analysis time of a 1-hour synthetic Holter in 5-minute segments without and with the
 * episode search. A measurement, not part of the suite (its name is outside the surefire includes); run it with
 * {@code ./mvnw -o -q test -Dtest=HolterAfEpisodeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Figures go to
 * stdout and target/holter-af-benchmark.txt.
 */
class HolterAfEpisodeBenchmark {

    @Test
    void measuresOnsetOffsetErrorsAndAnalysisTime() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("paroxysm_s af_bpm onset_s seed | found onset_err_s offset_err_s onset_err_beats offset_err_beats\n");
        List<Double> onsetErrors = new ArrayList<>();
        List<Double> offsetErrors = new ArrayList<>();
        List<Double> onsetBeats = new ArrayList<>();
        List<Double> offsetBeats = new ArrayList<>();
        int missed = 0;
        int extra = 0;
        int cases = 0;
        for (double length : new double[] {45, 90, 180, 600}) {
            for (double rate : new double[] {70, 100, 140}) {
                for (double onset : new double[] {200, 290}) {
                    for (long seed = 1; seed <= 2; seed++) {
                        cases++;
                        double after = 120;
                        SyntheticEcg holter = HolterAfEpisodeTests.sinus(onset, 70, seed * 100)
                                .followedBy(HolterAfEpisodeTests.fibrillation(length, rate, seed * 100 + 1))
                                .followedBy(HolterAfEpisodeTests.sinus(after, 70, seed * 100 + 2));
                        List<AfEpisodes.Episode> episodes = HolterAfEpisodeTests.episodes(holter.recording());
                        double end = onset + length;
                        AfEpisodes.Episode match = episodes.stream()
                                .filter(e -> e.startMs() / 1000 < end && e.endMs() / 1000 > onset).findFirst()
                                .orElse(null);
                        extra += (int) episodes.stream().filter(e -> e != match).count();
                        if (match == null) {
                            missed++;
                            out.append(String.format(Locale.ROOT, "%4.0f %4.0f %4.0f %d | missed%n", length, rate,
                                    onset, seed));
                            continue;
                        }
                        double onsetError = match.startMs() / 1000 - onset;
                        double offsetError = match.endMs() / 1000 - end;
                        // errors in beats: at the AF rate inside the paroxysm, at 70/min outside
                        double onsetInBeats = onsetError * (onsetError > 0 ? rate : 70) / 60;
                        double offsetInBeats = offsetError * (offsetError < 0 ? rate : 70) / 60;
                        onsetErrors.add(Math.abs(onsetError));
                        offsetErrors.add(Math.abs(offsetError));
                        onsetBeats.add(Math.abs(onsetInBeats));
                        offsetBeats.add(Math.abs(offsetInBeats));
                        out.append(String.format(Locale.ROOT, "%4.0f %4.0f %4.0f %d | %d %+6.1f %+6.1f %+5.1f %+5.1f%n",
                                length, rate, onset, seed, episodes.size(), onsetError, offsetError, onsetInBeats,
                                offsetInBeats));
                    }
                }
            }
        }
        out.append(String.format(Locale.ROOT,
                "paroxysms %d, missed %d, extra episodes %d; |onset error| median %.1f s (%.1f beats), max %.1f s "
                        + "(%.1f beats); |offset error| median %.1f s (%.1f beats), max %.1f s (%.1f beats)%n",
                cases, missed, extra, median(onsetErrors), median(onsetBeats), max(onsetErrors), max(onsetBeats),
                median(offsetErrors), median(offsetBeats), max(offsetErrors), max(offsetBeats)));

        // 1 hour, 2 leads at 250 Hz: 40 minutes of sinus rhythm at 72/min, 20 of AF at 105/min
        EcgRecording hour = HolterAfEpisodeTests.sinus(2400, 72, 7).followedBy(
                HolterAfEpisodeTests.fibrillation(1200, 105, 8)).recording();
        int segment = (int) (HolterAfEpisodeTests.SEGMENT_SECONDS * hour.samplingRateHz());
        long[] without = new long[3];
        long[] with = new long[3];
        for (int run = 0; run < 4; run++) { // the first run warms up
            long analyseNanos = 0;
            long episodeNanos = 0;
            AfEpisodes.Sequence sequence = new AfEpisodes.Sequence();
            for (int from = 0; from < hour.sampleCount(); from += segment) {
                EcgRecording part = hour.slice(from, Math.min(hour.sampleCount(), from + segment));
                long t0 = System.nanoTime();
                EcgReport report = EcgAnalyser.analyse(part, HolterAfEpisodeTests.DEFAULTS);
                long t1 = System.nanoTime();
                sequence.add(from * 1000.0 / hour.samplingRateHz(),
                        EcgAnalyser.afSegment(part, report, HolterAfEpisodeTests.DEFAULTS.rhythm()));
                episodeNanos += System.nanoTime() - t1;
                analyseNanos += t1 - t0;
            }
            long t2 = System.nanoTime();
            List<AfEpisodes.Episode> episodes = sequence.episodes(HolterAfEpisodeTests.DEFAULTS.rhythm());
            episodeNanos += System.nanoTime() - t2;
            if (run > 0) {
                without[run - 1] = analyseNanos;
                with[run - 1] = analyseNanos + episodeNanos;
            } else {
                out.append(String.format(Locale.ROOT, "1-h Holter episodes: %s%n", episodes.stream()
                        .map(e -> String.format(Locale.ROOT, "%.1f-%.1f s mean %.0f max %.0f/min", e.startMs() / 1000,
                                e.endMs() / 1000, e.meanRateBpm(), e.maxRateBpm())).toList()));
            }
        }
        Arrays.sort(without);
        Arrays.sort(with);
        out.append(String.format(Locale.ROOT,
                "1-h Holter analysis (12 segments of 5 min, median of 3 runs): without the episode search %.2f s, "
                        + "with it %.2f s (+%.0f %%)%n",
                without[1] / 1e9, with[1] / 1e9, 100.0 * (with[1] - without[1]) / without[1]));
        System.out.print(out);
        Files.writeString(Path.of("target", "holter-af-benchmark.txt"), out);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
