package org.yiwang.ecg;

import java.util.List;

/**
 * What the software found before a reader looks (stored as JSON with the recording).
 *
 * @param heartRateBpm   mean ventricular rate, null when no beats could be detected
 * @param rhythm         rhythm label (RhythmLabel name)
 * @param beatCount      beats detected
 * @param findings       every finding with its confidence, critical ones first
 * @param intervals      PR, QRS, QT, QTc in ms for 12-lead recordings, else null
 * @param stElevatedLeads leads with ST elevation meeting the STEMI criteria, empty when not suspect
 * @param stemiTerritories territories of a STEMI suspicion (inferior, anterior …)
 * @param leadQuality    per lead: the usable share and the main quality issue that withholds beat-level conclusions
 * @param segmentsAnalysed how many consecutive segments a long recording was analysed in (1 for short ones)
 * @param ventricularBeats premature ventricular beats among them (what a Holter summary counts), null in analyses
 *                         stored before the count was kept
 * @param supraventricularBeats premature supraventricular beats among them, null likewise
 * @param holter         the rest of a Holter summary for recordings of at least two minutes, null for shorter ones
 *                       and in analyses stored before it was kept
 */
public record EcgPreAnalysis(Double heartRateBpm, String rhythm, int beatCount, List<Finding> findings,
        Intervals intervals, List<String> stElevatedLeads, List<String> stemiTerritories,
        List<LeadState> leadQuality, int segmentsAnalysed, Integer ventricularBeats, Integer supraventricularBeats,
        HolterSummary holter) {

    public EcgPreAnalysis {
        findings = List.copyOf(findings);
        stElevatedLeads = List.copyOf(stElevatedLeads);
        stemiTerritories = List.copyOf(stemiTerritories);
        leadQuality = List.copyOf(leadQuality);
    }

    /** Share of the detected beats that were premature ventricular ones, in percent; null when not counted. */
    public Double ventricularPercent() {
        return percentOfBeats(ventricularBeats);
    }

    /** Share of the detected beats that were premature supraventricular ones, in percent; null when not counted. */
    public Double supraventricularPercent() {
        return percentOfBeats(supraventricularBeats);
    }

    private Double percentOfBeats(Integer count) {
        return count == null || beatCount == 0 ? null : Math.round(1000.0 * count / beatCount) / 10.0;
    }

    public boolean critical() {
        return findings.stream().anyMatch(Finding::critical);
    }

    /**
     * One finding (FindingCode name), with the time of its first occurrence for long recordings.
     *
     * @param atSeconds seconds from the start where the finding was first seen, 0 for short recordings
     */
    public record Finding(String code, double confidence, boolean critical, String detail, double atSeconds) {

        /**
         * Below even odds. Some findings are raised at lower confidence on purpose (atrial fibrillation from p 0.25,
         * where the software reaches 95 % specificity), so the pages say "possible" rather than state them.
         */
        public boolean tentative() {
            return confidence < 0.5;
        }
    }

    /**
     * @param usableFraction share of the recording where the lead is usable
     * @param mainIssue      the quality issue covering most of its unusable stretches (QualityIssue name), null when
     *                       the lead is usable throughout
     */
    public record LeadState(String lead, double usableFraction, String mainIssue) {
    }

    public record Intervals(Double prMs, Double qrsMs, Double qtMs, Double qtcMs) {
    }

    /**
     * What a Holter reader looks at first besides the beat counts: how long each rhythm lasted (the burden of
     * paroxysmal atrial fibrillation), its atrial fibrillation episodes, the slowest and fastest minute, the rate trend
     * and the pauses.
     *
     * @param rhythmTimes   time in each rhythm, longest first: atrial fibrillation's from its episodes, the rest from
     *                      the rhythm of each analysed segment (the segment's time outside the episodes)
     * @param slowestMinute the whole minute from the start with the lowest mean rate over usable signal, null when no
     *                      minute had enough usable signal
     * @param fastestMinute the one with the highest, null likewise
     * @param pauses        RR intervals of at least the pause limit over usable signal
     * @param longestPause  the longest of them, null when there was none
     * @param af            the atrial fibrillation episodes found beat by beat; null in analyses stored before they were
     * @param rateTrend     the minute rates per hour (per 10 minutes in recordings under two hours), in time order;
     *                      null in analyses stored before it was kept
     */
    public record HolterSummary(List<RhythmTime> rhythmTimes, MinuteRate slowestMinute, MinuteRate fastestMinute,
            int pauses, Pause longestPause, AfBurden af, List<RatePeriod> rateTrend) {

        public HolterSummary {
            rhythmTimes = List.copyOf(rhythmTimes);
            rateTrend = rateTrend == null ? null : List.copyOf(rateTrend);
        }

        /**
         * @param count   episodes found
         * @param seconds time in them
         * @param percent share of the analysed time (the AF burden), one decimal
         * @param longest the longest episodes (at most the configured number), in time order
         */
        public record AfBurden(int count, double seconds, double percent, List<AfEpisode> longest) {

            public AfBurden {
                longest = List.copyOf(longest);
            }

            /** Whether episodes were left out of {@link #longest()}. */
            public boolean capped() {
                return count > longest.size();
            }
        }

        /**
         * @param atSeconds   its first beat, from the start of the recording
         * @param seconds     its duration
         * @param meanRateBpm mean ventricular rate in it
         * @param maxRateBpm  fastest over a window of its beats
         */
        public record AfEpisode(double atSeconds, double seconds, double meanRateBpm, double maxRateBpm) {

            /** The whole second of its first beat (where the viewer goes). */
            public long startSecond() {
                return (long) Math.floor(atSeconds);
            }

            /** The whole second of its last beat. */
            public long endSecond() {
                return (long) Math.floor(atSeconds + seconds);
            }
        }

        /**
         * @param atSeconds start of the period from the start of the recording
         * @param seconds   its length
         */
        public record RatePeriod(long atSeconds, long seconds, double minBpm, double meanBpm, double maxBpm) {
        }

        /** @param percent share of the analysed time, one decimal */
        public record RhythmTime(String rhythm, double seconds, double percent) {

            public long wholeHours() {
                return Math.round(seconds / 60) / 60;
            }

            /** Minutes beyond {@link #wholeHours()}, rounded. */
            public long remainingMinutes() {
                return Math.round(seconds / 60) % 60;
            }
        }

        /** @param atSeconds the minute's start from the start of the recording */
        public record MinuteRate(long atSeconds, double rateBpm) {
        }

        /** @param atSeconds the beat before the pause, from the start of the recording */
        public record Pause(long atSeconds, double durationMs) {
        }
    }
}
