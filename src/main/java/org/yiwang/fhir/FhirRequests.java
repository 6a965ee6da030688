package org.yiwang.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Locale;
import org.yiwang.platform.web.ClientLanguage;

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

    /**
     * The {@code X-Reason} header, stripped; null when absent or blank. HTTP header values are ISO-8859-1, so a
     * reason in Chinese is sent percent-encoded UTF-8 ({@code %E5%BD%95...}), which is decoded here.
     */
    static String reason(RequestDetails request) {
        String header = request == null ? null : request.getHeader("X-Reason");
        if (header == null || header.isBlank()) {
            return null;
        }
        String reason = header.strip();
        if (reason.contains("%")) {
            try {
                reason = java.net.URLDecoder.decode(reason, java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException notEncoded) {
                // kept as sent
            }
        }
        return reason.isEmpty() ? null : reason;
    }

    /** The client's first choice of English or Chinese (Accept-Language), Chinese when it names neither. */
    static Locale language(String acceptLanguage) {
        return ClientLanguage.of(acceptLanguage);
    }
}
