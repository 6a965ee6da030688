package org.yiwang.mpi;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;

/**
 * Merges a resident record into another and undoes merges.
 *
 * <p>A merge keeps the survivor and marks the merged record voided with {@code merged_into_id} (never deleted: its
 * health-record number stays reserved, its history stays). The merged record's living identity documents and phones
 * move to the survivor, so lookups by them find the survivor; both get a {@code MERGED} version. Before anything
 * changes, both resident rows and all documents and phones of both are snapshotted into the merge record.
 *
 * <p>An unmerge restores the snapshot: the merged record, its documents and phones exactly as they were; the
 * survivor too, unless it was edited after the merge (its version moved on): then the survivor keeps its own later
 * edits, only what came from the merged record goes back. Either way the pair returns to the review queue as
 * pending, so that a person decides it again; both records get an {@code UNMERGED} version (version numbers only go
 * up: the restored state is a new version).
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ResidentMerging {

    private static final String DOCUMENT_STATE = """
            coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'residentId', x.resident_id,
                'primary', x.is_primary, 'voidedAt', x.voided_at, 'voidedBy', x.voided_by,
                'voidReason', x.void_reason) order by x.id)
              from %s x where x.resident_id in (:survivor, :merged)), '[]'::jsonb)""";

    private final JdbcClient jdbc;
    private final ResidentWriter writer;
    private final AuditTrail auditTrail;
    private final ApplicationEventPublisher events;
    private volatile List<String> restorableColumns;

    ResidentMerging(JdbcClient jdbc, ResidentWriter writer, AuditTrail auditTrail, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.auditTrail = auditTrail;
        this.events = events;
    }

    record Locked(long id, int version, boolean voided, Long mergedInto, String healthRecordNumber) {
    }

    /** Locks the residents in id order (no deadlock between two merges of overlapping pairs). */
    List<Locked> lock(long a, long b) {
        return jdbc.sql("""
                        select id, version, voided_at is not null, merged_into_id, health_record_number
                        from mpi.resident where id in (:a, :b) order by id for update
                        """)
                .param("a", a).param("b", b)
                .query((rs, n) -> new Locked(rs.getLong(1), rs.getInt(2), rs.getBoolean(3),
                        rs.getObject(4, Long.class), rs.getString(5)))
                .list();
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}; both must be living records. Returns the merge id.
     *
     * @throws MergeConflictException when either is voided or merged already
     */
    long merge(long survivorId, long mergedId, Long reviewId, String reason, String by, Long organisationId) {
        if (survivorId == mergedId) {
            throw new MergeConflictException("mpi.merge.error.SAME_RESIDENT", "a resident cannot be merged into itself");
        }
        List<Locked> locked = lock(survivorId, mergedId);
        if (locked.size() != 2 || locked.stream().anyMatch(Locked::voided)) {
            throw new MergeConflictException("mpi.merge.error.NOT_LIVING",
                    "both residents must be living records to merge " + mergedId + " into " + survivorId);
        }
        Locked survivor = locked.stream().filter(l -> l.id() == survivorId).findFirst().orElseThrow();
        String snapshot = jdbc.sql("select jsonb_build_object("
                        + "'survivor', (select to_jsonb(r) from mpi.resident r where r.id = :survivor), "
                        + "'merged', (select to_jsonb(r) from mpi.resident r where r.id = :merged), "
                        + "'documents', " + DOCUMENT_STATE.formatted("mpi.identity_document") + ", "
                        + "'phones', " + DOCUMENT_STATE.formatted("mpi.resident_phone") + ")::text")
                .param("survivor", survivorId).param("merged", mergedId)
                .query(String.class).single();
        jdbc.sql("""
                        update mpi.resident set voided_at = now(), voided_by = :by, void_reason = :why,
                            merged_into_id = :survivor, version = version + 1, updated_at = now(), updated_by = :by,
                            updated_organisation_id = :organisation
                        where id = :merged
                        """)
                .param("by", by).param("why", "merged into " + survivor.healthRecordNumber())
                .param("survivor", survivorId).param("organisation", organisationId).param("merged", mergedId)
                .update();
        for (String table : List.of("mpi.identity_document", "mpi.resident_phone")) {
            jdbc.sql("update " + table + " set resident_id = :survivor, is_primary = false "
                            + "where resident_id = :merged and voided_at is null")
                    .param("survivor", survivorId).param("merged", mergedId).update();
        }
        writer.settlePrimaries(survivorId);
        jdbc.sql("""
                        update mpi.resident set version = version + 1, updated_at = now(), updated_by = :by,
                            updated_organisation_id = :organisation
                        where id = :survivor
                        """)
                .param("by", by).param("organisation", organisationId).param("survivor", survivorId).update();
        writer.snapshot(List.of(survivorId, mergedId), "MERGED", reason, by, organisationId);
        record Created(long id, Instant at) {
        }
        Created merge = jdbc.sql("""
                        insert into mpi.resident_merge (survivor_id, merged_id, review_id, reason, snapshot,
                            survivor_version_after, merged_by, merged_organisation_id)
                        values (:survivor, :merged, :review, :reason, cast(:snapshot as jsonb), :version, :by,
                                :organisation)
                        returning id, merged_at
                        """)
                .param("survivor", survivorId).param("merged", mergedId).param("review", reviewId)
                .param("reason", reason).param("snapshot", snapshot).param("version", survivor.version() + 1)
                .param("by", by).param("organisation", organisationId)
                .query((rs, n) -> new Created(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .single();
        // other pending pairs of the merged record are moot: the survivor is compared on the next deduplication
        jdbc.sql("""
                        update mpi.match_review set status = 'SUPERSEDED', decided_at = now(), decided_by = :by,
                            decision_reason = :why
                        where status = 'PENDING' and (resident_low = :merged or resident_high = :merged)
                          and id is distinct from :review
                        """)
                .param("by", by).param("why", "merged into " + survivor.healthRecordNumber())
                .param("merged", mergedId).param("review", reviewId).update();
        String objectId = Long.toString(merge.id());
        auditTrail.record(AuditEvent.write(survivorId, "MERGE_RESIDENTS_SURVIVOR", "ResidentMerge", objectId, reason));
        auditTrail.record(AuditEvent.write(mergedId, "MERGE_RESIDENTS_MERGED", "ResidentMerge", objectId, reason));
        events.publishEvent(new ResidentsMerged(survivorId, mergedId, merge.id(), merge.at()));
        return merge.id();
    }

    /**
     * Undoes the merge in force of {@code mergedId}; returns the event published.
     *
     * @throws MergeConflictException when the record is not merged, or its survivor was merged on into a third
     *         record (undo that merge first)
     */
    ResidentsUnmerged unmerge(long mergedId, String reason, String by, Long organisationId) {
        record Merge(long id, long survivorId, int survivorVersionAfter, String snapshot) {
        }
        Merge merge = jdbc.sql("""
                        select id, survivor_id, survivor_version_after, snapshot::text from mpi.resident_merge
                        where merged_id = :merged and unmerged_at is null for update
                        """)
                .param("merged", mergedId)
                .query((rs, n) -> new Merge(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)))
                .optional()
                .orElseThrow(() -> new MergeConflictException("mpi.merge.error.NOT_MERGED",
                        "resident " + mergedId + " is not merged into another"));
        List<Locked> locked = lock(merge.survivorId(), mergedId);
        Locked survivor = locked.stream().filter(l -> l.id() == merge.survivorId()).findFirst().orElseThrow();
        if (survivor.voided()) {
            throw new MergeConflictException("mpi.merge.error.SURVIVOR_MERGED_ON",
                    "the survivor " + merge.survivorId() + " was merged or voided since: undo that first");
        }
        boolean survivorEdited = survivor.version() != merge.survivorVersionAfter();
        for (String table : List.of("mpi.identity_document", "mpi.resident_phone")) {
            String which = survivorEdited ? "x.\"residentId\" = :merged" : "true";
            String rows = "from jsonb_to_recordset(cast(:snapshot as jsonb) -> '" + (table.endsWith("phone")
                    ? "phones" : "documents") + "') as x(id bigint, \"residentId\" bigint, \"primary\" boolean, "
                    + "\"voidedAt\" timestamptz, \"voidedBy\" varchar, \"voidReason\" varchar) where " + which;
            // primaries off first: the one-primary-per-resident index is checked row by row
            jdbc.sql("update " + table + " t set is_primary = false " + rows + " and t.id = x.id")
                    .param("snapshot", merge.snapshot()).param("merged", mergedId).update();
            jdbc.sql("update " + table + " t set resident_id = x.\"residentId\", is_primary = x.\"primary\", "
                            + "voided_at = x.\"voidedAt\", voided_by = x.\"voidedBy\", void_reason = x.\"voidReason\" "
                            + rows + " and t.id = x.id")
                    .param("snapshot", merge.snapshot()).param("merged", mergedId).update();
        }
        if (survivorEdited) {
            writer.settlePrimaries(merge.survivorId());
            jdbc.sql("""
                            update mpi.resident set version = version + 1, updated_at = now(), updated_by = :by,
                                updated_organisation_id = :organisation
                            where id = :survivor
                            """)
                    .param("by", by).param("organisation", organisationId).param("survivor", merge.survivorId())
                    .update();
        } else {
            restoreRow(merge.survivorId(), merge.snapshot(), "survivor");
        }
        restoreRow(mergedId, merge.snapshot(), "merged");
        Instant at = jdbc.sql("""
                        update mpi.resident_merge set unmerged_at = now(), unmerged_by = :by, unmerge_reason = :reason
                        where id = :id returning unmerged_at
                        """)
                .param("by", by).param("reason", reason).param("id", merge.id())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        writer.snapshot(List.of(merge.survivorId(), mergedId), "UNMERGED", reason, by, organisationId);
        jdbc.sql("""
                        update mpi.match_review set status = 'PENDING', decided_at = null, decided_by = null,
                            decision_reason = null, merge_id = null
                        where merge_id = :merge
                        """)
                .param("merge", merge.id()).update();
        String objectId = Long.toString(merge.id());
        auditTrail.record(AuditEvent.write(merge.survivorId(), "UNMERGE_RESIDENTS_SURVIVOR", "ResidentMerge",
                objectId, reason));
        auditTrail.record(AuditEvent.write(mergedId, "UNMERGE_RESIDENTS_MERGED", "ResidentMerge", objectId, reason));
        ResidentsUnmerged event = new ResidentsUnmerged(merge.survivorId(), mergedId, merge.id(), at, survivorEdited);
        events.publishEvent(event);
        return event;
    }

    /** Every column of the resident row as snapshotted, except its id; the version moves on. */
    private void restoreRow(long residentId, String snapshot, String side) {
        String columns = restorableColumns().stream().map(c -> '"' + c + '"').collect(Collectors.joining(", "));
        jdbc.sql("update mpi.resident r set (" + columns + ") = (select " + columns
                        + " from jsonb_populate_record(null::mpi.resident, cast(:snapshot as jsonb) -> '" + side
                        + "')), version = r.version + 1 where r.id = :id")
                .param("snapshot", snapshot).param("id", residentId).update();
    }

    private List<String> restorableColumns() {
        List<String> columns = restorableColumns;
        if (columns == null) {
            columns = jdbc.sql("""
                            select column_name from information_schema.columns
                            where table_schema = 'mpi' and table_name = 'resident'
                              and column_name not in ('id', 'version') and is_generated = 'NEVER'
                            order by ordinal_position
                            """)
                    .query(String.class).list();
            restorableColumns = columns;
        }
        return columns;
    }
}
