package org.yiwang.fhir;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;

/**
 * FHIR conditional create of record entries ({@code If-None-Exist: identifier=system|value[,system|value…]}, also
 * {@code Bundle.entry.request.ifNoneExist}): the organisation's own entries of the kind that its systems sent under
 * one of those ids. Sender ids are unique per organisation, so only the caller's organisation is searched.
 */
final class IfNoneExist {

    static final int MAX_IDENTIFIERS = 20;

    private IfNoneExist() {
    }

    /**
     * The entry the condition names, or empty when none does (then the resource is created).
     *
     * @throws PreconditionFailedException when it names more than one entry (412)
     * @throws FhirInputException          when the condition is not {@code identifier=system|value…}
     */
    static Optional<ClinicalEntry> match(HealthRecord record, String condition, EntryKind kind, String resourceType,
                                         long organisation, String purpose) {
        String query = condition.contains("?") ? condition.substring(condition.indexOf('?') + 1) : condition;
        String[] pair = query.split("=", 2);
        if (query.contains("&") || pair.length != 2 || !"identifier".equals(pair[0]) || pair[1].isBlank()) {
            throw new FhirInputException("If-None-Exist", "If-None-Exist takes one parameter: identifier=system|value "
                    + "(several identifiers separated by commas).");
        }
        String[] tokens = pair[1].split(",");
        if (tokens.length > MAX_IDENTIFIERS) {
            throw new FhirInputException("If-None-Exist", "If-None-Exist names at most " + MAX_IDENTIFIERS
                    + " identifiers.");
        }
        Map<Long, ClinicalEntry> found = new LinkedHashMap<>();
        for (String token : tokens) {
            String decoded = URLDecoder.decode(token, StandardCharsets.UTF_8).strip();
            int bar = decoded.indexOf('|');
            if (bar <= 0 || bar == decoded.length() - 1) {
                throw new FhirInputException("If-None-Exist", "Give each identifier as system|value: '" + decoded + "'.");
            }
            record.findBySource(organisation, decoded.substring(0, bar), decoded.substring(bar + 1), purpose)
                    .filter(e -> e.kind() == kind && !e.voided())
                    .ifPresent(e -> found.put(e.id(), e));
        }
        if (found.size() > 1) {
            throw new PreconditionFailedException("If-None-Exist matches " + found.size() + " " + resourceType
                    + " resources; make the condition name one.");
        }
        return found.values().stream().findFirst();
    }
}
