package org.yiwang.records;

import java.util.List;
import java.util.Locale;

/** ICD-10 code prefixes that a resident cannot hide (see {@link RecordConsent}); matching ignores dots and case. */
final class UnhideableCodes {

    private final List<String> prefixes;

    UnhideableCodes(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(UnhideableCodes::dotless).filter(p -> !p.isEmpty()).toList();
    }

    boolean covers(String icd10Code) {
        if (icd10Code == null || icd10Code.isBlank()) {
            return false;
        }
        String code = dotless(icd10Code);
        return prefixes.stream().anyMatch(code::startsWith);
    }

    private static String dotless(String code) {
        return IcdCodes.normalise(code).orElse(code.strip().toUpperCase(Locale.ROOT)).replace(".", "");
    }
}
