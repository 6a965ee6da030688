package org.yiwang.mpi;

import java.time.Instant;
import java.util.List;

/**
 * One state in the history of a resident record, with the fields that changed from the version before (old and
 * new values as recorded in the snapshots; identifiers appear masked). A survivor's history also holds the versions
 * of the records merged into it: {@code residentId} and {@code healthRecordNumber} say whose version it is.
 */
public record ResidentVersion(long residentId, String healthRecordNumber, int version, String change, Instant changedAt, String changedBy,
        Long changedOrganisationId, String reason, List<FieldChange> changes) {

    public record FieldChange(String field, String oldValue, String newValue) {
    }
}
