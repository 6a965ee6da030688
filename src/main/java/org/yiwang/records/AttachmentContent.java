package org.yiwang.records;

/** An attachment with its bytes, for download. */
public record AttachmentContent(Attachment attachment, byte[] content) {
}
