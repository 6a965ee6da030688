package org.yiwang.mpi;

import java.time.Instant;
import java.util.List;

/**
 * What the master index holds about one resident themself, identifiers masked: {@link ResidentDetails} without the
 * relatives (guardian, wards, household), for callers that show only the resident's own record.
 */
public record ResidentRecord(
        ResidentListItem resident,
        String ethnicityCode,
        List<ResidentDetails.Document> documents,
        List<ResidentDetails.Phone> phones,
        int version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        String registeredDespite,
        boolean voided) {

    public ResidentRecord {
        documents = List.copyOf(documents);
        phones = List.copyOf(phones);
    }

    public long id() {
        return resident.id();
    }
}
