package org.yiwang.ecg;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.ecg}.
 *
 * @param blockSeconds            seconds of samples stored per block row (the unit a viewer window reads)
 * @param maxWindowSeconds        no signal window handed out is longer
 * @param analysisSegmentSeconds  long recordings are pre-analysed in consecutive segments of this length, so memory
 *                                stays bounded whatever the recording's duration
 * @param analysisThreads         recordings pre-analysed at once on one node
 * @param clockSkew               how far in the future an acquisition time may lie (device clocks drift)
 * @param readingRelationship     how long the reading centre's ECG_READING care relationship lasts after an upload
 * @param critical                limits of the pre-analysis's critical values (危急值); see {@link Critical}
 * @param reading                 the reading centre's worklist, signatures and the return to the clinic; see
 *                                {@link Reading}
 * @param holter                  the Holter summary's atrial fibrillation episodes; see {@link Holter}
 */
@ConfigurationProperties("yiwang.ecg")
public record EcgProperties(
        @DefaultValue("10") int blockSeconds,
        @DefaultValue("60") int maxWindowSeconds,
        @DefaultValue("300") int analysisSegmentSeconds,
        @DefaultValue("2") int analysisThreads,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("30d") Duration readingRelationship,
        @DefaultValue Critical critical,
        @DefaultValue Reading reading,
        @DefaultValue Holter holter) {

    public EcgProperties {
        if (blockSeconds < 1 || maxWindowSeconds < blockSeconds || analysisSegmentSeconds < 10 || analysisThreads < 1) {
            throw new IllegalArgumentException("yiwang.ecg: block-seconds ≥ 1, max-window-seconds ≥ block-seconds, "
                    + "analysis-segment-seconds ≥ 10 and analysis-threads ≥ 1");
        }
    }

    /**
     * The pre-analysis's limits (AnalysisThresholds): extreme rates, AF rapid ventricular response, pause, QTc, and the
     * usable share below which a lead is left out of intervals and ST.
     */
    public record Critical(
            @DefaultValue("35") double extremeBradycardiaBpm,
            @DefaultValue("180") double extremeTachycardiaBpm,
            @DefaultValue("110") double afRapidResponseBpm,
            @DefaultValue("2000") double pauseMs,
            @DefaultValue("500") double prolongedQtcMs,
            @DefaultValue("0.8") double usableLeadFraction) {
    }

    /**
     * A long recording's atrial fibrillation episodes, found beat by beat (RhythmThresholds).
     *
     * @param afEpisodeWindowIntervals RR intervals in the sliding window the AF model reads each interval's rhythm on
     * @param afEpisodeMinimumSeconds  shorter stretches of fibrillation are not episodes (30 s, the clinical convention)
     * @param afEpisodesShown          the longest this many episodes are kept and shown, with the count of all, so a
     *                                 day-long recording's summary stays bounded
     */
    public record Holter(
            @DefaultValue("30") int afEpisodeWindowIntervals,
            @DefaultValue("30") double afEpisodeMinimumSeconds,
            @DefaultValue("20") int afEpisodesShown) {

        public Holter {
            if (afEpisodesShown < 1 || afEpisodesShown > 200) {
                throw new IllegalArgumentException("yiwang.ecg.holter: af-episodes-shown 1..200");
            }
        }
    }

    /**
     * The reading centre's work.
     *
     * @param claimTimeout          a claim held longer returns to the queue, so an ECG left by a reader called away
     *                              is read by another
     * @param claimExpiryInterval   how often the expiry runs (any node; each expired claim is returned once)
     * @param pageSize              worklist entries per page
     * @param inboxSize             most recent ECGs on a clinic's inbox page
     * @param livePoll              how often live pages (worklist, clinic inbox) ask the database for changes
     * @param signedPoll            how often a recording page with its signed report still asks: an amendment or the
     *                              clinic's acknowledgement appears without a reload, at a small fraction of the cost
     * @param signatureAlgorithm    SM2 (SM3withSM2, GB/T 32918, the default) or ECDSA_P256 (SHA256withECDSA) for new
     *                              signing keys; stored keys keep the algorithm they were made with
     * @param criticalSignedTarget  target median upload-to-signed time of critical ECGs in normal staffing
     * @param statementCatalogue    the structured report statements (TSV: code, zh, en, category, critical,
     *                              suggested_by)
     */
    public record Reading(
            @DefaultValue("15m") Duration claimTimeout,
            @DefaultValue("30s") Duration claimExpiryInterval,
            @DefaultValue("20") int pageSize,
            @DefaultValue("50") int inboxSize,
            @DefaultValue("3s") Duration livePoll,
            @DefaultValue("30s") Duration signedPoll,
            @DefaultValue("SM2") SignatureAlgorithm signatureAlgorithm,
            @DefaultValue("3m") Duration criticalSignedTarget,
            @DefaultValue("classpath:ecg/report-templates.tsv") String statementCatalogue) {

        public Reading {
            if (pageSize < 1 || pageSize > 100 || inboxSize < 1 || inboxSize > 200) {
                throw new IllegalArgumentException("yiwang.ecg.reading: page-size 1..100, inbox-size 1..200");
            }
        }
    }

    public enum SignatureAlgorithm {
        SM2("SM3withSM2", "sm2p256v1"),
        ECDSA_P256("SHA256withECDSA", "secp256r1");

        private final String jcaName;
        private final String curve;

        SignatureAlgorithm(String jcaName, String curve) {
            this.jcaName = jcaName;
            this.curve = curve;
        }

        public String jcaName() {
            return jcaName;
        }

        public String curve() {
            return curve;
        }
    }
}
