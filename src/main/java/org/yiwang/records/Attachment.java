package org.yiwang.records;

/**
 * A kept file, without its bytes ({@link HealthRecord#attachmentContent} reads them).
 *
 * @param sha256Hex digest of the bytes, to show that they are what was sent
 */
public record Attachment(long id, long entryId, String title, String contentType, int sizeBytes, String sha256Hex) {
}
