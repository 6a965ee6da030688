package org.yiwang.ecg;

/** The automatic pre-analysis of a recording has finished; it is in the reading centre's worklist. */
public record EcgRecordingAnalysed(long recordingId, long residentId, long organisationId, long readingCentreId,
        boolean critical) {
}
