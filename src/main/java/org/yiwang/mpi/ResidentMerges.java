package org.yiwang.mpi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;

/**
 * Merges of a resident (as survivor or as the merged record) and undoing them. What an unmerge restores is
 * described on {@link ResidentMerging}: exactly the state before the merge, except that a survivor edited since
 * keeps its own edits; the pair goes back to the review queue.
 */
@Service
@Transactional
public class ResidentMerges {

    private static final int LIMIT = 50;

    private final JdbcClient jdbc;
    private final ResidentQueries queries;
    private final ResidentMerging merging;
    private final CurrentActor currentActor;
    private final AuditTrail auditTrail;

    ResidentMerges(JdbcClient jdbc, ResidentQueries queries, ResidentMerging merging, CurrentActor currentActor,
            AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.merging = merging;
        this.currentActor = currentActor;
        this.auditTrail = auditTrail;
    }

    /** Merges the resident took part in, latest first (at most 50); audited for every resident shown. */
    public List<ResidentMerge> of(long residentId, String purpose) {
        record Row(long id, long survivor, long merged, String reason, Instant at, String by, Instant unmergedAt,
                String unmergedBy, String unmergeReason) {
        }
        List<Row> rows = jdbc.sql("""
                        select id, survivor_id, merged_id, reason, merged_at, merged_by, unmerged_at, unmerged_by,
                               unmerge_reason
                        from mpi.resident_merge where survivor_id = :id or merged_id = :id
                        order by merged_at desc, id desc limit :limit
                        """)
                .param("id", residentId).param("limit", LIMIT)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8),
                        rs.getString(9)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        rows.forEach(r -> {
            ids.add(r.survivor());
            ids.add(r.merged());
        });
        Map<Long, ResidentListItem> items = queries.listItems(ids).stream()
                .collect(Collectors.toMap(ResidentListItem::id, Function.identity()));
        // the other side of each merge is shown by name and health-record number: a read of that record too
        ids.forEach(id -> auditTrail.record(AuditEvent.read(id, "VIEW_RESIDENT_MERGES", "Resident",
                Long.toString(residentId), purpose)));
        return rows.stream().map(r -> new ResidentMerge(r.id(), items.get(r.survivor()), items.get(r.merged()),
                r.reason(), r.at(), r.by(), r.unmergedAt(), r.unmergedBy(), r.unmergeReason())).toList();
    }

    /**
     * Undoes the merge in force of {@code mergedId} (the record that was merged into another), for registrars.
     *
     * @throws ResidentInputException without a reason (at most 200 characters)
     * @throws MergeConflictException when the record is not merged, or its survivor was merged on since
     */
    public ResidentsUnmerged unmerge(long mergedId, String reason) {
        Actor actor = currentActor.require();
        if (!actor.hasRole(Role.REGISTRAR)) {
            throw new AccessDeniedException("undoing merges needs the registrar role");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.REQUIRED")));
        }
        if (why.length() > 200) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.TOO_LONG", 200)));
        }
        return merging.unmerge(mergedId, why, actor.username(), actor.actingOrganisationId());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
