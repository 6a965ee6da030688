package org.yiwang.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Small valid entries for tests, one builder per kind. */
final class Entries {

    private Entries() {
    }

    static NewEntry encounter(long resident, long organisation, Instant at, EntryDetails.EncounterClass type) {
        return new NewEntry(resident, EntryKind.ENCOUNTER, null, new Coding(Coding.LOCAL, type.name(), "门诊"), null,
                "finished", at, null, null, null, null, null,
                new EntryDetails.Encounter(type, "全科", "头晕三天", null), organisation, null, null, null, List.of());
    }

    static NewEntry glucose(long resident, long organisation, Instant at, String value) {
        return observation(resident, organisation, at, "14749-6", value, "mmol/L");
    }

    static NewEntry observation(long resident, long organisation, Instant at, String loinc, String value, String unit) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, loinc, ""), null, "final",
                at, null, new Quantity(new BigDecimal(value), unit), null, null, null,
                new EntryDetails.Observation(List.of(), "血清", null), organisation, null, null, null, List.of());
    }

    static NewEntry diagnosis(long resident, long organisation, Instant at, String icd) {
        return new NewEntry(resident, EntryKind.CONDITION, null, new Coding(Coding.ICD10, icd, ""), null, "active", at,
                null, null, null, null, null, new EntryDetails.Condition(EntryDetails.DiagnosisRole.PRIMARY, null, null),
                organisation, null, null, null, List.of());
    }

    static NewEntry report(long resident, long organisation, Instant at, List<NewAttachment> files) {
        return new NewEntry(resident, EntryKind.DIAGNOSTIC_REPORT, null, new Coding(Coding.LOINC, "24627-2", "胸部CT"),
                "IMAGING", "final", at, null, null, null, null, null,
                new EntryDetails.Report("双肺纹理清晰", "胸部CT未见明显异常", List.of(), "王放射"), organisation, null, null,
                null, files);
    }

    static NewEntry prescription(long resident, long organisation, Instant at, String atc, String name) {
        return new NewEntry(resident, EntryKind.MEDICATION_REQUEST, null, new Coding(Coding.ATC, atc, name), null,
                "active", at, null, null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("5", "mg"), "口服", "每日一次", 30, Quantity.of("30", "片")),
                organisation, null, null, null, List.of());
    }

    static NewEntry withSource(NewEntry e, String system, String id) {
        return new NewEntry(e.residentId(), e.kind(), e.encounterId(), e.code(), e.category(), e.status(),
                e.effectiveAt(), e.endedAt(), e.value(), e.valueText(), e.range(), e.interpretation(), e.details(),
                e.organisationId(), e.authorPractitionerId(), system, id, e.attachments());
    }

    static NewEntry inEncounter(NewEntry e, long encounterId) {
        return new NewEntry(e.residentId(), e.kind(), encounterId, e.code(), e.category(), e.status(),
                e.effectiveAt(), e.endedAt(), e.value(), e.valueText(), e.range(), e.interpretation(), e.details(),
                e.organisationId(), e.authorPractitionerId(), e.sourceSystem(), e.sourceId(), e.attachments());
    }

    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
