package org.yiwang.ecg;

/** A clinic's recording was stored and waits for the automatic pre-analysis. */
public record EcgRecordingReceived(long recordingId, long residentId, long organisationId, long readingCentreId) {
}
