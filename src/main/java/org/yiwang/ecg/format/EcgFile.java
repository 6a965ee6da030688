package org.yiwang.ecg.format;

import java.util.Objects;

/**
 * One uploaded file. {@code name} is the file name as uploaded; any directory part (some browsers send one) is
 * dropped. {@code content} is not copied.
 */
public record EcgFile(String name, byte[] content) {

    public EcgFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    }

    /** The lower-case extension without the dot, or "" if none. */
    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "EcgFile[" + name + ", " + content.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcgFile file && file.name.equals(name) && java.util.Arrays.equals(file.content,
                content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }
}
