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
 */
@ConfigurationProperties("yiwang.ecg")
public record EcgProperties(
        @DefaultValue("10") int blockSeconds,
        @DefaultValue("60") int maxWindowSeconds,
        @DefaultValue("300") int analysisSegmentSeconds,
        @DefaultValue("2") int analysisThreads,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("30d") Duration readingRelationship,
        @DefaultValue Critical critical) {

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
}
