package org.yiwang.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The lines of a code list shipped on the classpath (UTF-8), for the catalogues' parsers. */
final class ReferenceLists {

    private ReferenceLists() {
    }

    /**
     * @param resource classpath location, e.g. {@code records/icd10-cn.tsv}
     * @param what     the list's name for the error when it is missing, e.g. "ICD-10 code list"
     */
    static List<String> lines(String resource, String what) {
        try (InputStream in = ReferenceLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + resource + " is not on the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
