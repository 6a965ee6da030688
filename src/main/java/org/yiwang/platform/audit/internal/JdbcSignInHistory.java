package org.yiwang.platform.audit.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.SignInHistory;

@Service
class JdbcSignInHistory implements SignInHistory {

    private static final int MAX_LIMIT = 50;

    private final JdbcClient jdbc;

    JdbcSignInHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SignIn> recent(String username, int limit) {
        // Uses audit_event_actor_idx: (coalesce(actor_username, subject), occurred_at desc, id desc).
        return jdbc.sql("""
                select occurred_at, client_address, outcome from platform.audit_event
                where coalesce(actor_username, subject) = :username and action = 'LOGIN'
                order by occurred_at desc, id desc
                limit :limit""")
                .param("username", username)
                .param("limit", Math.min(Math.max(limit, 0), MAX_LIMIT))
                .query((rs, n) -> new SignIn(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        AuditEvent.Outcome.valueOf(rs.getString(3))))
                .list();
    }
}
