package org.yiwang.platform.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Newest-first pages of the audit trail, by keyset (never OFFSET, never unbounded). */
@Component
class AuditLogQuery {

    private final JdbcClient jdbc;

    AuditLogQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries matching the filter, newest first. */
    List<AuditLogEntry> page(AuditLogFilter filter, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new TreeMap<>();
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", AuditEventStore.utc(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", AuditEventStore.utc(filter.to()));
        }
        if (filter.username() != null) {
            // Matches the signed-in actor, or the login name tried when nobody was signed in.
            conditions.add("coalesce(actor_username, subject) = :username");
            params.put("username", filter.username());
        }
        if (filter.residentId() != null) {
            conditions.add("resident_id = :residentId");
            params.put("residentId", filter.residentId());
        }
        if (filter.category() != null) {
            conditions.add("category = :category");
            params.put("category", filter.category());
        }
        if (filter.action() != null) {
            conditions.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.before() != null) {
            conditions.add("(occurred_at, id) < (:beforeAt, :beforeId)");
            params.put("beforeAt", AuditEventStore.utc(filter.before().occurredAt()));
            params.put("beforeId", filter.before().id());
        }
        params.put("limit", limit);
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return jdbc.sql("""
                        select id, occurred_at, category, action, outcome, actor_username, subject, actor_role,
                               organisation_id, resident_id, object_type, object_id, purpose, detail, client_address, chain_seq
                        from platform.audit_event left join platform.audit_seal on event_id = id""" + where
                        + " order by occurred_at desc, id desc limit :limit")
                .params(params)
                .query((rs, n) -> new AuditLogEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("category"),
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getString("actor_username"),
                        rs.getString("subject"),
                        rs.getString("actor_role"),
                        rs.getObject("organisation_id", Long.class),
                        rs.getObject("resident_id", Long.class),
                        rs.getString("object_type"),
                        rs.getString("object_id"),
                        rs.getString("purpose"),
                        rs.getString("detail"),
                        rs.getString("client_address"),
                        rs.getObject("chain_seq", Long.class)))
                .list();
    }
}
