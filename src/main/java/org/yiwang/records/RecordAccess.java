package org.yiwang.records;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditedRead;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.registry.Organisations;

/**
 * Who may read a resident's shared record, and the two ways around a missing relationship: the emergency override
 * (break-glass, 破窗访问) and, for sensitive categories, the resident's explicit grant. Every read of
 * {@link HealthRecord} goes through {@link #require}; the decision itself is {@link AccessPolicy}'s.
 * <p>
 * An override does <em>not</em> open sensitive categories (mental health, HIV, reproductive health): those need a
 * grant whatever the ground of the access. PIPL-01/02 allow processing such information only with a specific
 * purpose, sufficient necessity and the person's separate consent; an emergency is necessity for the record as a
 * whole — allergies, medications, chronic problems, recent results — but rarely for the sensitive categories, while
 * their disclosure through a self-declared emergency harms the resident most and cannot be undone. The recording
 * organisation still sees its own items, and a grant (which the resident can give in advance) opens them.
 */
@Service
// a refusal inside a reader's transaction must not mark it rollback-only: the refusal's audit entry commits
@Transactional(noRollbackFor = RecordAccessDeniedException.class)
public class RecordAccess {

    static final int MAX_REASON = 500;
    private static final int LIST_LIMIT = 200;

    private final AccessStore store;
    private final Residents residents;
    private final Organisations organisations;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final RecordAccessProperties properties;
    private final Clock clock;
    private final ObjectProvider<RecordRepresentatives> representatives;

    RecordAccess(AccessStore store, Residents residents, Organisations organisations, CurrentActor currentActor,
                 AuditTrail audit, RecordAccessProperties properties, Clock clock,
                 ObjectProvider<RecordRepresentatives> representatives) {
        this.representatives = representatives;
        this.store = store;
        this.residents = residents;
        this.organisations = organisations;
        this.currentActor = currentActor;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What a read of this resident's record by the current actor rests on, without reading anything (the banner of
     * a page). Not audited: it reveals no health data.
     */
    @AuditedRead
    public RecordAccessView currentAccess(long residentId) {
        AccessPolicy.Decision d = decide(residents.recordIds(residentId));
        return new RecordAccessView(d.basis(), d.relationships(),
                d.breakGlass() == null ? null : d.breakGlass().expiresAt(),
                d.breakGlass() == null ? null : d.breakGlass().reason(), d.breakGlassOffered());
    }

    /**
     * Opens the resident's record to the current staff member, for the organisation they act for, for the configured
     * time, with the reason given. Audited as {@code BREAK_GLASS} with the reason as purpose, so that the resident
     * sees it in "who viewed my record".
     *
     * @throws InvalidInputException  when the reason is blank or too long
     * @throws AccessDeniedException  when the actor is not staff with a clinical role acting for an organisation
     * @throws EntryNotFoundException when there is no such resident
     */
    public BreakGlass breakGlass(long residentId, String reason) {
        Actor actor = currentActor.current().filter(AccessPolicy::mayBreakGlass).orElseThrow(() ->
                new AccessDeniedException("only staff with a clinical role may use an emergency override"));
        String why = reason(reason);
        long resident = residents.resolve(residentId).orElseThrow(() -> new EntryNotFoundException("resident", residentId));
        Instant now = clock.instant();
        BreakGlass glass = store.breakGlass(actor.accountId(), actor.actingOrganisationId(), resident, why, now,
                now.plus(properties.breakGlassDuration()));
        audit.record(AuditEvent.read(resident, "BREAK_GLASS", "BreakGlass", Long.toString(glass.id()), why));
        return glass;
    }

    /**
     * Lets one organisation see one sensitive category of the resident's record until {@code expiresAt} (null: the
     * configured default), recording the resident's separate consent (PIPL-02) given as {@code reason}. The resident
     * may grant; staff may record a grant the resident gave, but never to the organisation they act for themselves.
     *
     * @return the grant's id
     */
    public long grantSensitive(long residentId, long organisationId, SensitiveCategory category, String reason,
                               Instant expiresAt) {
        String why = reason(reason);
        List<Long> ids = residents.recordIds(residentId);
        if (ids.isEmpty()) {
            throw new EntryNotFoundException("resident", residentId);
        }
        if (organisations.findById(organisationId).isEmpty()) {
            throw new InvalidInputException("unknown organisation " + organisationId);
        }
        Optional<Actor> actor = currentActor.current();
        requireConsentKeeper(actor, ids);
        if (actor.isPresent() && actor.get().kind() == Actor.Kind.STAFF
                && Long.valueOf(organisationId).equals(actor.get().actingOrganisationId())) {
            throw new AccessDeniedException("staff may not grant their own organisation access to sensitive items");
        }
        Instant now = clock.instant();
        Instant expires = expiresAt == null ? now.plus(properties.sensitiveGrantDuration()) : expiresAt;
        if (!expires.isAfter(now)) {
            throw new InvalidInputException("a grant must end in the future");
        }
        long id = store.grantSensitive(ids.getFirst(), organisationId, category, accountId(actor), why, now, expires);
        audit.record(AuditEvent.write(ids.getFirst(), "GRANT_SENSITIVE_ACCESS", "SensitiveGrant", Long.toString(id),
                category.name() + " → " + organisationId + ": " + why));
        return id;
    }

    /** Ends a sensitive-category grant now; by the resident, a system job or staff who may read the record. */
    public void revokeSensitive(long grantId, String reason) {
        String why = reason(reason);
        SensitiveGrant grant = store.sensitiveGrant(grantId).orElseThrow(() ->
                new EntryNotFoundException("sensitive grant", grantId));
        Optional<Actor> actor = currentActor.current();
        requireConsentKeeper(actor, residents.recordIds(grant.residentId()));
        if (store.revokeSensitive(grantId, clock.instant(), accountId(actor))) {
            audit.record(AuditEvent.write(grant.residentId(), "REVOKE_SENSITIVE_ACCESS", "SensitiveGrant",
                    Long.toString(grantId), why));
        }
    }

    /** The resident's sensitive-category grants, newest first (bounded); audited. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<SensitiveGrant> sensitiveGrants(long residentId, String purpose) {
        Scope scope = require(residentId, purpose);
        audit.record(AuditEvent.read(residentId, "VIEW_SENSITIVE_GRANTS", "SensitiveGrant", null, scope.purpose()));
        return scope.recordIds().isEmpty() ? List.of() : store.sensitiveGrants(scope.recordIds(), LIST_LIMIT);
    }

    /**
     * The ids, visibility and audit purpose of a read of this resident's record by the current actor.
     *
     * @throws RecordAccessDeniedException after auditing the refusal
     */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    Scope require(long residentId, String purpose) {
        List<Long> ids = residents.recordIds(residentId);
        AccessPolicy.Decision d = decide(ids);
        if (!d.allowed()) {
            audit.record(new AuditEvent(AuditEvent.Category.HEALTH_DATA_READ, "ACCESS_DENIED", residentId, "Record",
                    null, purpose, AuditEvent.Outcome.FAILURE, null, null));
            throw new RecordAccessDeniedException(residentId, d.breakGlassOffered());
        }
        String audited = d.basis() == AccessBasis.BREAK_GLASS
                ? "break-glass #" + d.breakGlass().id() + ": " + purpose
                : purpose;
        return new Scope(ids, d.visibility(), audited);
    }

    /**
     * Who may hide items or keep grants for a resident: the resident, a system job, or staff with a clinical role
     * who may read the record (acting on the resident's written request); not API clients.
     */
    void requireConsentKeeper(Optional<Actor> actor, List<Long> recordIds) {
        if (actor.isEmpty()) {
            return;
        }
        if (actor.get().kind() == Actor.Kind.API_CLIENT) {
            throw new AccessDeniedException("consent is the resident's: API clients may not change it");
        }
        AccessPolicy.Decision d = AccessPolicy.decide(actor, facts(actor.get(), recordIds));
        if (!d.allowed()) {
            throw new AccessDeniedException("only the resident, or staff who may read the record, may do this");
        }
    }

    private AccessPolicy.Decision decide(List<Long> recordIds) {
        Optional<Actor> actor = currentActor.current();
        return AccessPolicy.decide(actor, actor.map(a -> facts(a, recordIds))
                .orElseGet(() -> AccessPolicy.Facts.of(recordIds, clock.instant())));
    }

    private AccessPolicy.Facts facts(Actor actor, List<Long> recordIds) {
        Instant now = clock.instant();
        if (actor.kind() == Actor.Kind.RESIDENT) {
            AccessPolicy.Facts facts = AccessPolicy.Facts.of(recordIds, now);
            Long self = actor.residentId();
            return self != null && !recordIds.isEmpty() && !recordIds.contains(self)
                    && representatives.orderedStream().anyMatch(r -> r.represents(self, recordIds))
                    ? facts.representing() : facts;
        }
        if (recordIds.isEmpty() || actor.actingOrganisationId() == null) {
            return AccessPolicy.Facts.of(recordIds, now);
        }
        return store.facts(recordIds, actor.actingOrganisationId(),
                actor.kind() == Actor.Kind.STAFF ? actor.accountId() : null, now);
    }

    private static Long accountId(Optional<Actor> actor) {
        return actor.map(Actor::accountId).orElse(null);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("a reason is required");
        }
        String why = reason.strip();
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("the reason may be at most " + MAX_REASON + " characters");
        }
        return why;
    }

    /**
     * A permitted read: the resident's record ids, what of them the reader sees, and the purpose to audit (marked
     * when the read rests on an emergency override).
     */
    record Scope(List<Long> recordIds, Visibility visibility, String purpose) {
    }
}
