package org.yiwang.records;

import java.util.Objects;

/**
 * A file to keep with a report or document, byte for byte.
 *
 * @param title       file name or caption
 * @param contentType {@code application/pdf}, {@code image/jpeg}, {@code image/png}
 * @param content     the bytes
 */
public record NewAttachment(String title, String contentType, byte[] content) {

    public NewAttachment {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }
}
