package org.yiwang.ecg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored recording without its samples.
 *
 * @param organisationId  the uploading clinic
 * @param readingCentreId the ECG centre that reads it
 * @param analysis        the automatic pre-analysis, once {@link EcgStatus#ANALYSED}
 */
public record EcgRecordingSummary(long id, long residentId, long organisationId, long readingCentreId,
        long uploadedBy, EcgKind kind, String sourceFormat, Instant acquiredAt, Instant uploadedAt,
        double samplingRateHz, List<String> leadNames, long sampleCount, String indication, EcgStatus status,
        boolean critical, Instant analysedAt, Optional<EcgPreAnalysis> analysis) {

    public EcgRecordingSummary {
        leadNames = List.copyOf(leadNames);
    }

    public double durationSeconds() {
        return sampleCount / samplingRateHz;
    }
}
