package org.yiwang.records;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An item to add to a resident's record, as a clinic's system or a clinician's form sends it. {@link HealthRecord}
 * checks it as a whole and names every problem.
 *
 * @param residentId           the resident (any id the master index resolves, also one merged into another)
 * @param kind                 what it is
 * @param encounterId          the encounter entry it belongs to, if any
 * @param code                 what: ICD-10 diagnosis, LOINC test, drug, vaccine…
 * @param category             kind-specific grouping: observation {@code vital-signs}/{@code laboratory}, report
 *                             {@code LAB}/{@code IMAGING}/{@code ULTRASOUND}/{@code ECG}/{@code PATHOLOGY}
 * @param status               one of {@link EntryKind#statuses()}
 * @param effectiveAt          when it happened (start of an encounter, time of a result)
 * @param endedAt              end (discharge, end of a prescription), if any
 * @param value                a numeric result with its unit, if any
 * @param valueText            a text result (阴性), if any
 * @param range                reference range; defaults from the observation catalogue
 * @param interpretation       the sender's flag; when absent the flag is derived from the range and critical limits
 * @param details              the kind's own fields; must be of {@link EntryKind#detailsType()}
 * @param organisationId       the organisation the item comes from
 * @param authorPractitionerId the clinician responsible, if known
 * @param sourceSystem         the sending system (its URI), with {@code sourceId} its own id of the item: a retry
 *                             with the same pair finds the entry already made
 * @param sourceId             see {@code sourceSystem}
 * @param attachments          files for a report or document
 */
public record NewEntry(
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
        EntryDetails details,
        long organisationId,
        Long authorPractitionerId,
        String sourceSystem,
        String sourceId,
        List<NewAttachment> attachments) {

    public NewEntry {
        Objects.requireNonNull(kind, "kind");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
