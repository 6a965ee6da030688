package org.yiwang.platform.audit.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.ResidentAccess;

/**
 * Newest-first pages of the accesses to residents' data, by keyset. One index range scan per resident id on
 * {@code audit_event_resident_idx} (resident_id, occurred_at desc, id desc), each stopped after {@code limit} rows,
 * then merged: never OFFSET, never unbounded, however long a resident's history.
 */
@Component
class ResidentAccessLog {

    /** A resident and the records merged into them are a handful; more is a caller bug. */
    private static final int MAX_RESIDENT_IDS = 50;

    private final JdbcClient jdbc;

    ResidentAccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ResidentAccess.Page page(Collection<Long> residentIds, ResidentAccess.Cursor before, int limit) {
        int size = Math.clamp(limit, 1, AuditTrail.MAX_ACCESS_LOG_PAGE);
        List<Long> ids = residentIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return new ResidentAccess.Page(List.of(), Optional.empty());
        }
        if (ids.size() > MAX_RESIDENT_IDS) {
            throw new IllegalArgumentException("at most " + MAX_RESIDENT_IDS + " resident ids, not " + ids.size());
        }
        String keyset = before == null ? "" : " and (a.occurred_at, a.id) < (:beforeAt, :beforeId)";
        var spec = jdbc.sql("""
                        select e.* from unnest(cast(array[:ids] as bigint[])) as r(id)
                        cross join lateral (
                            select a.id, a.occurred_at, a.category, a.action, a.actor_role, a.actor_kind,
                                   a.organisation_id, a.resident_id, a.object_type, a.purpose
                            from platform.audit_event a
                            where a.resident_id = r.id
                              and a.category in ('HEALTH_DATA_READ', 'HEALTH_DATA_WRITE')
                              and not exists (select 1 from platform.account own
                                              where own.id = a.actor_account_id and own.kind = 'RESIDENT'
                                                and own.resident_id = any(cast(array[:ids] as bigint[])))""" + keyset + """

                            order by a.occurred_at desc, a.id desc
                            limit :fetch) e
                        order by e.occurred_at desc, e.id desc
                        limit :fetch""")
                .param("ids", ids)
                .param("fetch", size + 1);
        if (before != null) {
            spec = spec.param("beforeAt", AuditEventStore.utc(before.occurredAt())).param("beforeId", before.id());
        }
        List<ResidentAccess> rows = new ArrayList<>(spec.query((rs, n) -> new ResidentAccess(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        "HEALTH_DATA_WRITE".equals(rs.getString("category")),
                        rs.getString("action"),
                        rs.getString("actor_role"),
                        rs.getString("actor_kind"),
                        rs.getObject("organisation_id", Long.class),
                        rs.getLong("resident_id"),
                        rs.getString("object_type"),
                        rs.getString("purpose")))
                .list());
        Optional<ResidentAccess.Cursor> next = Optional.empty();
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = Optional.of(rows.getLast().cursor());
        }
        return new ResidentAccess.Page(rows, next);
    }
}
