package org.yiwang.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.records.CareRelationshipKind;
import org.yiwang.records.CareRelationships;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.ReferralReceiver;

/**
 * Two-way referral. So far: the green channel (绿色通道) a clinician opens in one click from a critical finding — the
 * nearest organisation offering the needed service above or beside the sender receives the patient (REF-03), sees
 * the referral first in its incoming list with the reason, and may read the resident's record (REFERRAL_RECEIVED).
 */
@Service
public class Referrals {

    /** Most referrals one list returns. */
    public static final int MAX_LIST = 100;
    static final int MAX_REASON = 500;

    private final ReferralStore store;
    private final Residents residents;
    private final Organisations organisations;
    private final CareRelationships careRelationships;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Referrals(ReferralStore store, Residents residents, Organisations organisations,
              CareRelationships careRelationships, CurrentActor currentActor, AuditTrail audit,
              ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.organisations = organisations;
        this.careRelationships = careRelationships;
        this.currentActor = currentActor;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends a green-channel up-referral from the organisation the current clinician acts for. Asking again for the
     * same source returns the referral already sent.
     *
     * @throws AccessDeniedException when the actor is not a clinician acting for an organisation
     * @throws InvalidInputException when the reason is blank or too long, the resident is unknown, or no organisation
     *                               offering the service can receive from the sender
     */
    @Transactional
    public ReferralSummary requestGreenChannel(GreenChannelRequest request) {
        Actor actor = clinician();
        long from = actor.actingOrganisationId();
        if (request.sourceReference() != null) {
            Optional<ReferralSummary> earlier = store.bySource(from, request.sourceReference());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw new InvalidInputException("a referral needs a reason of 1 to " + MAX_REASON + " characters");
        }
        long resident = residents.resolve(request.residentId()).orElseThrow(() ->
                new InvalidInputException("unknown resident " + request.residentId()));
        List<ReferralReceiver> receivers = organisations.receiversFor(request.service(), from);
        ReferralReceiver to = receivers.stream().filter(ReferralReceiver::above).findFirst()
                .or(() -> receivers.stream().findFirst())
                .orElseThrow(() -> new InvalidInputException("no organisation offering " + request.service()
                        + " can receive a referral from organisation " + from));
        Instant now = clock.instant();
        long id = store.insert(resident, from, to.organisation().id(), "UP",
                        ReferralPriority.GREEN_CHANNEL, request.service(), reason, request.sourceReference(),
                        actor.accountId(), actor.practitionerId(), now)
                .orElseGet(() -> store.bySource(from, request.sourceReference()).orElseThrow().id());
        careRelationships.grant(resident, to.organisation().id(), CareRelationshipKind.REFERRAL_RECEIVED,
                "referral:" + id, null, "green-channel referral " + id);
        audit.record(AuditEvent.write(resident, "REQUEST_REFERRAL", "Referral", Long.toString(id),
                "green channel to " + to.organisation().id() + ": " + reason));
        events.publishEvent(new ReferralRequested(id, resident, from, to.organisation().id(),
                ReferralPriority.GREEN_CHANNEL));
        return store.find(id).orElseThrow();
    }

    /** Open referrals to the organisation the current clinician acts for: green channel first, then oldest first. */
    @Transactional
    public List<ReferralSummary> incoming(int limit) {
        Actor actor = clinician();
        List<ReferralSummary> list = store.incoming(actor.actingOrganisationId(), Math.clamp(limit, 1, MAX_LIST));
        list.forEach(r -> audit.record(AuditEvent.read(r.residentId(), "READ_REFERRAL", "Referral",
                Long.toString(r.id()), "incoming referrals")));
        return list;
    }

    /** The receiver takes the patient on; false when it was accepted already. */
    @Transactional
    public boolean accept(long referralId) {
        Actor actor = clinician();
        ReferralSummary r = store.find(referralId).filter(x -> x.toOrganisationId() == actor.actingOrganisationId())
                .orElseThrow(() -> new AccessDeniedException("only the receiving organisation accepts a referral"));
        boolean accepted = store.accept(referralId, actor.actingOrganisationId(), actor.accountId(), clock.instant());
        if (accepted) {
            audit.record(AuditEvent.write(r.residentId(), "ACCEPT_REFERRAL", "Referral", Long.toString(referralId),
                    "referral accepted"));
        }
        return accepted;
    }

    /** A referral the current actor's organisation sent or received. */
    @Transactional
    public Optional<ReferralSummary> find(long referralId) {
        Actor actor = clinician();
        Optional<ReferralSummary> found = store.find(referralId).filter(r ->
                r.fromOrganisationId() == actor.actingOrganisationId() || r.toOrganisationId() == actor.actingOrganisationId());
        found.ifPresent(r -> audit.record(AuditEvent.read(r.residentId(), "READ_REFERRAL", "Referral",
                Long.toString(referralId), "referral")));
        return found;
    }

    private Actor clinician() {
        return currentActor.current()
                .filter(a -> a.kind() == Actor.Kind.STAFF && a.actingOrganisationId() != null)
                .filter(a -> a.hasRole(Role.DOCTOR) || a.hasRole(Role.NURSE) || a.hasRole(Role.FAMILY_DOCTOR)
                        || a.hasRole(Role.ECG_READER))
                .orElseThrow(() -> new AccessDeniedException("referrals are sent and received by clinicians"));
    }
}
