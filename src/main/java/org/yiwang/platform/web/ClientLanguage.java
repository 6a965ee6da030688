package org.yiwang.platform.web;

import java.util.Locale;

/** The language a system client (JSON API, FHIR) asks for: Chinese first, English on request. */
public final class ClientLanguage {

    private ClientLanguage() {
    }

    /** The client's first choice of English or Chinese (Accept-Language), Chinese when it names neither. */
    public static Locale of(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getRange().startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                    if (range.getRange().startsWith("zh")) {
                        return Locale.SIMPLIFIED_CHINESE;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return Locale.SIMPLIFIED_CHINESE;
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }
}
