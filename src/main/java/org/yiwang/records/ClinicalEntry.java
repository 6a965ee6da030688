package org.yiwang.records;

import java.time.Instant;
import java.util.List;

/**
 * One item of a resident's shared health record as stored: what it says, where it comes from and whether it still
 * stands.
 *
 * @param residentId     the resident it was recorded for (an id merged into the record's current holder stays as
 *                       recorded)
 * @param sensitivity    the sensitive category the item reveals (a diagnosis by its ICD-10 code, a result, drug or
 *                       document by {@link SensitiveCodes}), or null
 * @param recordedAt     when the platform received it
 * @param voidedAt       when it was voided (entered in error or corrected), or null
 * @param replacedById   the correcting entry, if it was corrected
 * @param hiddenAt       when the resident hid it from other organisations, or null
 * @param attachments    files kept with it (reports, documents)
 */
public record ClinicalEntry(
        long id,
        long residentId,
        EntryKind kind,
        Long encounterId,
        Coding code,
        String category,
        String status,
        Instant effectiveAt,
        Instant endedAt,
        Quantity value,
        String valueText,
        ReferenceRange range,
        Interpretation interpretation,
        SensitiveCategory sensitivity,
        EntryDetails details,
        long organisationId,
        Long authorPractitionerId,
        String sourceSystem,
        String sourceId,
        Instant recordedAt,
        Instant voidedAt,
        String voidReason,
        Long replacedById,
        Instant hiddenAt,
        List<Attachment> attachments) {

    public ClinicalEntry {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean voided() {
        return voidedAt != null;
    }

    /** The details as the kind's own type. */
    public <T extends EntryDetails> T details(Class<T> type) {
        return type.cast(details);
    }
}
