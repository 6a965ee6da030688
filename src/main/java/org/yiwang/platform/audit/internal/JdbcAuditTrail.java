package org.yiwang.platform.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.ResidentAccess;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;

/**
 * Appends one row per event inside the caller's transaction, so that an audited write and its entry commit or roll
 * back together. Outside a transaction (audited reads) the entry is committed with whatever other entries are waiting
 * ({@link AuditGroupCommit}) before the caller goes on. No lock is taken here: chaining is the sealer's job, so
 * audited reads on many nodes never queue behind each other.
 */
@Component
class JdbcAuditTrail implements AuditTrail {

    static final String CORRELATION_ID_KEY = "correlationId";

    private final AuditEventStore store;
    private final ResidentAccessLog accessLog;
    // Lazy: the security module itself records login events through this trail.
    private final ObjectProvider<CurrentActor> currentActor;
    private final Clock clock;
    private final AuditGroupCommit groupCommit;

    JdbcAuditTrail(AuditEventStore store, ResidentAccessLog accessLog, ObjectProvider<CurrentActor> currentActor,
            Clock clock) {
        this.store = store;
        this.accessLog = accessLog;
        this.currentActor = currentActor;
        this.clock = clock;
        this.groupCommit = new AuditGroupCommit(this::commitGroup);
    }

    @Override
    public void record(AuditEvent event) {
        AuditEntry entry = entry(event, currentActor.getObject().current(), clientAddress());
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            store.insert(entry);
        } else {
            groupCommit.write(entry);
        }
    }

    /** Runs outside a transaction, so each statement commits by itself: one commit per group (per 2,000 entries). */
    private void commitGroup(List<AuditEntry> entries) {
        if (entries.size() == 1) {
            store.insert(entries.getFirst());
        } else {
            store.insertAll(entries);
        }
    }

    /** One batched insert (JDBC batch) instead of a round trip per event; same entries as {@link #record}. */
    @Override
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Optional<Actor> actor = currentActor.getObject().current();
        String address = clientAddress();
        store.insertAll(events.stream().map(e -> entry(e, actor, address)).toList());
    }

    @Override
    public ResidentAccess.Page accessLog(Collection<Long> residentIds, ResidentAccess.Cursor before, int limit) {
        return accessLog.page(residentIds, before, limit);
    }

    private AuditEntry entry(AuditEvent event, Optional<Actor> actor, String clientAddress) {
        Objects.requireNonNull(event.category(), "category");
        Objects.requireNonNull(event.action(), "action");
        Objects.requireNonNull(event.outcome(), "outcome");
        return new AuditEntry(
                0,
                // PostgreSQL keeps microseconds; the hash covers exactly what is stored.
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                event.category().name(),
                event.action(),
                event.outcome().name(),
                actor.map(Actor::accountId).orElse(null),
                actor.map(Actor::username).orElse(null),
                actor.map(Actor::primaryRole).map(Role::name).orElse(null),
                actor.map(a -> a.kind().name()).orElse(null),
                actor.map(Actor::actingOrganisationId).orElse(null),
                event.residentId(),
                event.objectType(),
                event.objectId(),
                event.purpose(),
                event.subject(),
                event.detail(),
                clientAddress,
                MDC.get(CORRELATION_ID_KEY));
    }

    /** The caller's address; forwarded headers are already resolved by server.forward-headers-strategy. */
    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
