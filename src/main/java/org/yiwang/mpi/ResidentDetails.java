package org.yiwang.mpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything the master index holds about one resident, identifiers masked. */
public record ResidentDetails(
        ResidentListItem resident,
        String ethnicityCode,
        List<Document> documents,
        List<Phone> phones,
        Relative guardian,
        List<Relative> wards,
        Long householdId,
        List<Relative> householdMembers,
        int version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        String registeredDespite,
        boolean voided) {

    /** An identity document, number masked; {@code upgradedFromLegacy} when typed as a 15-digit legacy ID. */
    public record Document(long id, IdentityDocumentType type, String numberMasked, String issuingCountry,
            boolean primary, boolean upgradedFromLegacy) {
    }

    public record Phone(long id, String numberMasked, PhoneNumber.Kind kind, boolean primary) {
    }

    /** Another resident related to this one (guardian, ward, household member). */
    public record Relative(long id, String healthRecordNumber, String name, LocalDate birthDate) {
    }

    /** The resident's own record with its relatives. */
    static ResidentDetails of(ResidentRecord record, Relative guardian, List<Relative> wards, Long householdId,
            List<Relative> householdMembers) {
        return new ResidentDetails(record.resident(), record.ethnicityCode(), record.documents(), record.phones(),
                guardian, List.copyOf(wards), householdId, List.copyOf(householdMembers), record.version(),
                record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy(),
                record.registeredDespite(), record.voided());
    }

    public long id() {
        return resident.id();
    }
}
