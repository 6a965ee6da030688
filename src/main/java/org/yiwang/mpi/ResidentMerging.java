package org.yiwang.mpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
              from %s x where x.resident_id in (p.s, p.m)), '[]'::jsonb)""";

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
        RegisteredNow.forget();
        if (survivorId == mergedId) {
            throw new MergeConflictException("mpi.merge.error.SAME_RESIDENT", "a resident cannot be merged into itself");
        }
        List<Locked> locked = lock(survivorId, mergedId);
        if (locked.size() != 2 || locked.stream().anyMatch(Locked::voided)) {
            throw new MergeConflictException("mpi.merge.error.NOT_LIVING",
                    "both residents must be living records to merge " + mergedId + " into " + survivorId);
        }
        return mergeAll(List.of(new Pair(survivorId, mergedId, reviewId, reason)), by, organisationId).getFirst()
                .mergeId();
    }

    /** One merge of a batch: {@code mergedId} into {@code survivorId}, decided by review {@code reviewId}. */
    record Pair(long survivorId, long mergedId, Long reviewId, String reason) {
    }

    /** A merge done, as {@link ResidentsMerged} announces it. */
    record Done(long survivorId, long mergedId, long mergeId, Instant at) {
    }

    /**
     * Merges many pairs at once, set-based (a dozen statements whatever their number), exactly as {@link #merge}
     * merges one: the same snapshot for an exact unmerge, versions, moved documents and phones, superseded review
     * pairs, audit entries and one {@link ResidentsMerged} per pair. The caller has locked the residents and checked
     * that all are living; within one call a resident appears at most once (a survivor absorbing several records
     * takes one of them per call, so that each snapshot shows the survivor as the merge before left it).
     */
    List<Done> mergeAll(List<Pair> pairs, String by, Long organisationId) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        RegisteredNow.forget();
        Set<Long> seen = new HashSet<>();
        for (Pair p : pairs) {
            if (p.survivorId() == p.mergedId() || !seen.add(p.survivorId()) || !seen.add(p.mergedId())) {
                throw new IllegalArgumentException("a resident appears twice in one set of merges: " + p);
            }
        }
        SqlArrayValue survivors = array("bigint", pairs.stream().map(Pair::survivorId).toArray(Long[]::new));
        SqlArrayValue merged = array("bigint", pairs.stream().map(Pair::mergedId).toArray(Long[]::new));
        SqlArrayValue reviews = array("bigint", pairs.stream().map(Pair::reviewId).toArray(Long[]::new));
        SqlArrayValue reasons = array("text", pairs.stream().map(Pair::reason).toArray(String[]::new));
        // the state before anything changes: both rows, all documents and phones of both
        List<Done> done = jdbc.sql("""
                        insert into mpi.resident_merge (survivor_id, merged_id, review_id, reason, snapshot,
                            survivor_version_after, merged_by, merged_organisation_id)
                        select p.s, p.m, p.review, p.reason, jsonb_build_object(
                                'survivor', to_jsonb(rs), 'merged', to_jsonb(rm),
                                'documents', """ + DOCUMENT_STATE.formatted("mpi.identity_document") + """
                                , 'phones', """ + DOCUMENT_STATE.formatted("mpi.resident_phone") + """
                                ),
                            rs.version + 1, :by, :organisation
                        from unnest(:survivors, :merged, :reviews, :reasons) with ordinality as p(s, m, review, reason, n)
                        join mpi.resident rs on rs.id = p.s
                        join mpi.resident rm on rm.id = p.m
                        order by p.n
                        returning survivor_id, merged_id, id, merged_at
                        """)
                .param("survivors", survivors).param("merged", merged).param("reviews", reviews)
                .param("reasons", reasons).param("by", by).param("organisation", organisationId)
                .query((rs, n) -> new Done(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        if (done.size() != pairs.size()) {
            throw new MergeConflictException("mpi.merge.error.NOT_LIVING", "a resident to merge does not exist");
        }
        jdbc.sql("""
                        update mpi.resident r set voided_at = now(), voided_by = :by,
                            void_reason = 'merged into ' || s.health_record_number,
                            merged_into_id = p.s, version = r.version + 1, updated_at = now(), updated_by = :by,
                            updated_organisation_id = :organisation
                        from unnest(:survivors, :merged) as p(s, m) join mpi.resident s on s.id = p.s
                        where r.id = p.m
                        """)
                .param("by", by).param("organisation", organisationId).param("survivors", survivors)
                .param("merged", merged).update();
        for (String table : List.of("mpi.identity_document", "mpi.resident_phone")) {
            jdbc.sql("update " + table + " t set resident_id = p.s, is_primary = false "
                            + "from unnest(:survivors, :merged) as p(s, m) "
                            + "where t.resident_id = p.m and t.voided_at is null")
                    .param("survivors", survivors).param("merged", merged).update();
        }
        List<Long> survivorIds = pairs.stream().map(Pair::survivorId).toList();
        List<Long> mergedIds = pairs.stream().map(Pair::mergedId).toList();
        writer.settlePrimaries(survivorIds);
        jdbc.sql("""
                        update mpi.resident set version = version + 1, updated_at = now(), updated_by = :by,
                            updated_organisation_id = :organisation
                        where id = any(:survivors)
                        """)
                .param("by", by).param("organisation", organisationId).param("survivors", survivors).update();
        List<Long> both = new ArrayList<>(survivorIds);
        both.addAll(mergedIds);
        List<String> bothReasons = new ArrayList<>(pairs.stream().map(Pair::reason).toList());
        bothReasons.addAll(pairs.stream().map(Pair::reason).toList());
        writer.snapshotEach(both, bothReasons, "MERGED", by, organisationId);
        // other pending pairs of a merged record are moot: the survivor is compared on the next deduplication;
        // they point to the merge, so that undoing it puts them back in the queue
        Map<Long, Long> mergeOf = new HashMap<>();
        done.forEach(d -> mergeOf.put(d.mergedId(), d.mergeId()));
        SqlArrayValue merges = array("bigint", pairs.stream().map(p -> mergeOf.get(p.mergedId())).toArray(Long[]::new));
        for (String side : List.of("resident_low", "resident_high")) {
            jdbc.sql("update mpi.match_review q set status = 'SUPERSEDED', decided_at = now(), decided_by = :by, "
                            + "decision_reason = 'merged into ' || s.health_record_number, merge_id = p.merge "
                            + "from unnest(:survivors, :merged, :reviews, :merges) as p(s, m, review, merge) "
                            + "join mpi.resident s on s.id = p.s "
                            + "where q.status = 'PENDING' and q." + side + " = p.m and q.id is distinct from p.review")
                    .param("by", by).param("survivors", survivors).param("merged", merged).param("reviews", reviews)
                    .param("merges", merges).update();
        }
        List<AuditEvent> audit = new ArrayList<>(2 * done.size());
        Map<Long, String> reasonOf = new HashMap<>();
        pairs.forEach(p -> reasonOf.put(p.mergedId(), p.reason()));
        for (Done d : done) {
            String objectId = Long.toString(d.mergeId());
            String reason = reasonOf.get(d.mergedId());
            audit.add(AuditEvent.write(d.survivorId(), "MERGE_RESIDENTS_SURVIVOR", "ResidentMerge", objectId, reason));
            audit.add(AuditEvent.write(d.mergedId(), "MERGE_RESIDENTS_MERGED", "ResidentMerge", objectId, reason));
        }
        auditTrail.recordAll(audit);
        done.forEach(d -> events.publishEvent(new ResidentsMerged(d.survivorId(), d.mergedId(), d.mergeId(), d.at())));
        return done;
    }

    /** Locks many residents in id order; returns the living ones. */
    Set<Long> lockLiving(java.util.Collection<Long> ids) {
        return new HashSet<>(jdbc.sql("""
                        select id from mpi.resident where id = any(:ids) and voided_at is null order by id for update
                        """)
                .param("ids", array("bigint", ids.toArray(Long[]::new)))
                .query(Long.class).list());
    }

    private static SqlArrayValue array(String type, Object[] values) {
        return new SqlArrayValue(type, values);
    }

    /**
     * Undoes the merge in force of {@code mergedId}; returns the event published.
     *
     * @throws MergeConflictException when the record is not merged, or its survivor was merged on into a third
     *         record (undo that merge first)
     */
    ResidentsUnmerged unmerge(long mergedId, String reason, String by, Long organisationId) {
        RegisteredNow.forget();
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
        boolean survivorEdited = changedSince(merge.id(), merge.survivorId(), merge.survivorVersionAfter(),
                survivor.version());
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

    /**
     * Whether the survivor changed since the merge in a way an unmerge must keep: its version moved on other than by
     * merges into it that are undone by now (each a {@code MERGED} and an {@code UNMERGED} version), or a later merge
     * into it is still in force. So the merges of a cluster undone newest first each restore the survivor exactly.
     */
    private boolean changedSince(long mergeId, long survivorId, int versionAfter, int versionNow) {
        if (versionNow == versionAfter) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.sql("""
                        select (select count(*) from mpi.resident_version v
                                where v.resident_id = :survivor and v.version > :after and v.version <= :now
                                  and v.change in ('MERGED', 'UNMERGED')) <> :now - :after
                            or exists (select 1 from mpi.resident_merge m
                                       where m.survivor_id = :survivor and m.unmerged_at is null and m.id > :merge)
                        """)
                .param("survivor", survivorId).param("after", versionAfter).param("now", versionNow)
                .param("merge", mergeId).query(Boolean.class).single());
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
