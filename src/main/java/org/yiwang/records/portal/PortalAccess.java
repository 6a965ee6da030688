package org.yiwang.records.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.security.Actor;

/**
 * Whose record a signed-in resident may open in the portal: their own, their wards' (the master index records them
 * as guardian; PIPL-03: children under 14 are reached only this way), and the residents who authorised them
 * ({@link ViewingGrants}). Checked on every request, so a revoked grant or a changed guardian applies at once.
 */
@Service
@Transactional
class PortalAccess implements org.yiwang.records.RecordRepresentatives {

    enum Relation {
        SELF("resident portal: own record"),
        GUARDIAN("resident portal: guardian"),
        AUTHORISED("resident portal: family authorisation");

        private final String purpose;

        Relation(String purpose) {
            this.purpose = purpose;
        }

        /** The purpose recorded with every read made through this relation. */
        String purpose() {
            return purpose;
        }
    }

    /** Someone the resident may view, as the switcher lists them. */
    record Person(ResidentSummary resident, Relation relation) {
    }

    private final Residents residents;
    private final ViewingGrants grants;

    PortalAccess(Residents residents, ViewingGrants grants) {
        this.residents = residents;
        this.grants = grants;
    }

    /** The signed-in resident's current master-index record (their account may predate a merge). */
    long self(Actor actor) {
        if (actor.kind() != Actor.Kind.RESIDENT || actor.residentId() == null) {
            throw new AccessDeniedException("the portal is for residents");
        }
        return residents.resolve(actor.residentId())
                .orElseThrow(() -> new AccessDeniedException("no master-index record behind this account"));
    }

    /** The shared record lets guardians and authorised family members read what the portal shows them. */
    @Override
    public boolean represents(long representativeResidentId, List<Long> recordIds) {
        return !recordIds.isEmpty() && residents.resolve(representativeResidentId)
                .flatMap(self -> relation(self, recordIds.getFirst()))
                .filter(r -> r != Relation.SELF)
                .isPresent();
    }

    /** How {@code self} may view {@code subject}; empty when they may not. Not audited: ids only. */
    Optional<Relation> relation(long self, long subject) {
        if (self == subject) {
            return Optional.of(Relation.SELF);
        }
        if (residents.isGuardian(self, subject)) {
            return Optional.of(Relation.GUARDIAN);
        }
        if (grants.active(residents.recordIds(subject), residents.recordIds(self))) {
            return Optional.of(Relation.AUTHORISED);
        }
        return Optional.empty();
    }

    /** The resident, then their wards, then those who authorised them; each one shown is an audited read. */
    List<Person> people(long self) {
        Map<Long, Person> people = new LinkedHashMap<>();
        residents.findById(self, Relation.SELF.purpose())
                .ifPresent(r -> people.put(r.id(), new Person(r, Relation.SELF)));
        residents.wardsOf(self, Relation.GUARDIAN.purpose())
                .forEach(w -> people.putIfAbsent(w.id(), new Person(w, Relation.GUARDIAN)));
        List<Long> grantors = new ArrayList<>();
        grants.madeTo(residents.recordIds(self))
                .forEach(g -> residents.resolve(g.grantorResidentId()).ifPresent(grantors::add));
        grantors.stream().distinct().filter(id -> !people.containsKey(id))
                .forEach(id -> residents.findById(id, Relation.AUTHORISED.purpose())
                        .filter(r -> !r.voided())
                        .ifPresent(r -> people.put(r.id(), new Person(r, Relation.AUTHORISED))));
        return List.copyOf(people.values());
    }
}
