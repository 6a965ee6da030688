package org.yiwang.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Locale;

/** What a FHIR request says about itself beyond the resource: purpose of use and language. */
final class FhirRequests {

    /** The audit purpose of a FHIR request that names none ({@code X-Purpose} header). */
    static final String DEFAULT_PURPOSE = "FHIR API";
    private static final int MAX_PURPOSE = 200;

    private FhirRequests() {
    }

    /** {@code FHIR API}, or {@code FHIR API: <X-Purpose>} when the client names its purpose. */
    static String purpose(RequestDetails request) {
        String header = request == null ? null : request.getHeader("X-Purpose");
        if (header == null || header.isBlank()) {
            return DEFAULT_PURPOSE;
        }
        String purpose = DEFAULT_PURPOSE + ": " + header.strip();
        return purpose.length() > MAX_PURPOSE ? purpose.substring(0, MAX_PURPOSE) : purpose;
    }

    /** The client's first choice of English or Chinese (Accept-Language), Chinese when it names neither. */
    static Locale language(String acceptLanguage) {
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
