package org.yiwang.records;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.registry.Organisations;

/**
 * Care relationships between organisations and residents, on which access to the shared record rests. The record
 * keeps TREATING itself (an organisation that records an item for a resident treats them for the configured window);
 * the referral, family-doctor and ECG modules grant and end the other kinds with a reference to their own object, so
 * that a retried grant finds the relationship it made. Grants and ends are audited.
 */
@Service
@Transactional
public class CareRelationships {

    /** The most relationships one call lists. */
    public static final int MAX_LIST = 200;
    private static final int MAX_SOURCE = 200;

    private final AccessStore store;
    private final Residents residents;
    private final Organisations organisations;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final RecordAccessProperties properties;
    private final Clock clock;

    CareRelationships(AccessStore store, Residents residents, Organisations organisations, CurrentActor currentActor,
                      AuditTrail audit, RecordAccessProperties properties, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.organisations = organisations;
        this.currentActor = currentActor;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts a relationship now, until {@code endsAt} (null: until ended). Granting again with the same kind,
     * organisation, resident and source reference returns the same relationship and (re)opens it until
     * {@code endsAt}.
     *
     * @param sourceReference the granting module's object, e.g. {@code referral:812} (recommended: makes retries safe
     *                        and lets {@link #endBySource} find it)
     * @return the relationship's id
     * @throws InvalidInputException for TREATING (kept by the record), an unknown resident or organisation, or an
     *                               end not in the future
     */
    public long grant(long residentId, long organisationId, CareRelationshipKind kind, String sourceReference,
                      Instant endsAt, String purpose) {
        requirePurpose(purpose);
        if (kind == CareRelationshipKind.TREATING) {
            throw new InvalidInputException("TREATING relationships are kept by the health record from recorded items");
        }
        if (sourceReference != null && (sourceReference.isBlank() || sourceReference.length() > MAX_SOURCE)) {
            throw new InvalidInputException("a source reference must be 1 to " + MAX_SOURCE + " characters");
        }
        long resident = residents.resolve(residentId).orElseThrow(() ->
                new InvalidInputException("unknown resident " + residentId));
        if (organisations.findById(organisationId).isEmpty()) {
            throw new InvalidInputException("unknown organisation " + organisationId);
        }
        Instant now = clock.instant();
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw new InvalidInputException("a relationship must end in the future");
        }
        long id = store.grant(resident, organisationId, kind, sourceReference, now, endsAt, accountId());
        audit.record(AuditEvent.write(resident, "GRANT_CARE_RELATIONSHIP", "CareRelationship", Long.toString(id),
                kind.name() + " → " + organisationId + ": " + purpose));
        return id;
    }

    /** Ends a relationship now; false when it had ended already (or does not exist). */
    public boolean end(long relationshipId, String purpose) {
        requirePurpose(purpose);
        return store.relationship(relationshipId).map(r -> end(r, purpose)).orElse(false);
    }

    /** Ends every relationship of this kind made from this source reference (both ends of a referral, say). */
    public int endBySource(CareRelationshipKind kind, String sourceReference, String purpose) {
        requirePurpose(purpose);
        return (int) store.bySource(kind, sourceReference).stream().filter(r -> end(r, purpose)).count();
    }

    /**
     * The resident's relationships (under every id the master index holds for them), those in force first, newest
     * first, at most {@code limit} (capped at {@link #MAX_LIST}); audited, since who treats a resident says something
     * about their health.
     */
    @Transactional
    public List<CareRelationship> forResident(long residentId, int limit, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = residents.recordIds(residentId);
        if (ids.isEmpty()) {
            return List.of();
        }
        audit.record(AuditEvent.read(ids.getFirst(), "VIEW_CARE_RELATIONSHIPS", "CareRelationship", null, purpose));
        return store.relationships(ids, clock.instant(), Math.min(Math.max(limit, 1), MAX_LIST));
    }

    /** Called by the record for every new item: the recording organisation treats the resident from now on. */
    void treating(long residentId, long organisationId) {
        Instant now = clock.instant();
        store.treating(residentId, organisationId, now, now.plus(properties.treatingWindow()), accountId());
    }

    private boolean end(CareRelationship relationship, String purpose) {
        if (!store.end(relationship.id(), clock.instant(), accountId())) {
            return false;
        }
        audit.record(AuditEvent.write(relationship.residentId(), "END_CARE_RELATIONSHIP", "CareRelationship",
                Long.toString(relationship.id()), relationship.kind().name() + " → " + relationship.organisationId()
                        + ": " + purpose));
        return true;
    }

    private Long accountId() {
        return currentActor.current().map(Actor::accountId).orElse(null);
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to change or read care relationships");
        }
    }
}
