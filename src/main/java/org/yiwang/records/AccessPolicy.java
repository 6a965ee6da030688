package org.yiwang.records;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.Role;

/**
 * Who may read a resident's shared record (ARCHITECTURE.md "Data and health-record rules"; PIPL-01/02, SEC-05).
 * Pure: the caller fetches the facts (relationships, overrides and grants of the actor's organisation for the
 * resident's record ids) and this decides.
 * <ul>
 *     <li>No actor: a system job (command line, demo loader) reads everything.</li>
 *     <li>A resident reads their own record (any of the record ids the master index holds for them), everything in
 *     it, hidden and sensitive items included; and the record of someone they represent (guardian, authorised family
 *     member: {@link RecordRepresentatives}).</li>
 *     <li>Staff with a clinical role read while the organisation they act for has a care relationship in force;
 *     otherwise only under an emergency override (break-glass) of their own account for that organisation.</li>
 *     <li>API clients (an organisation's system) read by their organisation's relationship; they cannot break the
 *     glass: an emergency is a person's decision.</li>
 *     <li>Staff without a clinical role — commission analysts, registrars, administrators — never read individual
 *     records (analytics works on aggregates) and are not offered break-glass.</li>
 * </ul>
 * Readers with an organisation see items of other organisations only when not hidden by the resident and, for
 * sensitive categories, with a grant in force ({@link Visibility}).
 */
final class AccessPolicy {

    /** Roles that treat patients and so may read records with a relationship, or break the glass without one. */
    static final Set<Role> CLINICAL_ROLES = EnumSet.of(Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR, Role.ECG_READER,
            Role.PHARMACIST, Role.LAB_TECHNICIAN, Role.PUBLIC_HEALTH_WORKER);

    private AccessPolicy() {
    }

    /**
     * What the store found for one resident and the actor's organisation; the policy checks times and owners itself.
     *
     * @param recordIds     every id the master index holds for the resident (empty for an unknown resident)
     * @param relationships relationships of the actor's organisation with any of those ids
     * @param breakGlasses  overrides of the actor's account for any of those ids
     * @param grants        sensitive-category grants to the actor's organisation for any of those ids
     * @param represented   a signed-in resident represents the resident (see {@link RecordRepresentatives})
     */
    record Facts(List<Long> recordIds, List<CareRelationship> relationships, List<BreakGlass> breakGlasses,
                 List<SensitiveGrant> grants, boolean represented, Instant now) {

        Facts(List<Long> recordIds, List<CareRelationship> relationships, List<BreakGlass> breakGlasses,
              List<SensitiveGrant> grants, Instant now) {
            this(recordIds, relationships, breakGlasses, grants, false, now);
        }

        static Facts of(List<Long> recordIds, Instant now) {
            return new Facts(recordIds, List.of(), List.of(), List.of(), false, now);
        }

        Facts representing() {
            return new Facts(recordIds, relationships, breakGlasses, grants, true, now);
        }
    }

    /**
     * The decision.
     *
     * @param relationships     kinds of relationship in force (for the banner)
     * @param breakGlass        the override the read rests on, if it rests on one
     * @param breakGlassOffered whether the actor may request an override when refused
     */
    record Decision(AccessBasis basis, Visibility visibility, Set<CareRelationshipKind> relationships,
                    BreakGlass breakGlass, boolean breakGlassOffered) {

        boolean allowed() {
            return basis != AccessBasis.NONE;
        }

        static Decision refused(boolean breakGlassOffered) {
            return new Decision(AccessBasis.NONE, null, Set.of(), null, breakGlassOffered);
        }
    }

    /** Whether this actor may ask for an emergency override at all: signed-in staff with a clinical role. */
    static boolean mayBreakGlass(Actor actor) {
        return actor != null && actor.kind() == Actor.Kind.STAFF && actor.actingOrganisationId() != null
                && actor.roles().stream().anyMatch(CLINICAL_ROLES::contains);
    }

    static Decision decide(Optional<Actor> actor, Facts facts) {
        if (actor.isEmpty()) {
            return new Decision(AccessBasis.SYSTEM, Visibility.EVERYTHING, Set.of(), null, false);
        }
        Actor a = actor.get();
        if (facts.recordIds().isEmpty()) {
            return Decision.refused(false);
        }
        return switch (a.kind()) {
            case RESIDENT -> a.residentId() != null && facts.recordIds().contains(a.residentId())
                    ? new Decision(AccessBasis.SELF, Visibility.EVERYTHING, Set.of(), null, false)
                    : a.residentId() != null && facts.represented()
                    ? new Decision(AccessBasis.REPRESENTATIVE, Visibility.EVERYTHING, Set.of(), null, false)
                    : Decision.refused(false);
            case API_CLIENT -> {
                Set<CareRelationshipKind> kinds = relationships(a, facts);
                yield a.actingOrganisationId() == null || kinds.isEmpty() ? Decision.refused(false)
                        : new Decision(AccessBasis.CARE_RELATIONSHIP, visibility(a, facts), kinds, null, false);
            }
            case STAFF -> staff(a, facts);
        };
    }

    private static Decision staff(Actor actor, Facts facts) {
        if (!mayBreakGlass(actor)) {
            return Decision.refused(false);
        }
        Set<CareRelationshipKind> kinds = relationships(actor, facts);
        if (!kinds.isEmpty()) {
            return new Decision(AccessBasis.CARE_RELATIONSHIP, visibility(actor, facts), kinds, null, true);
        }
        Optional<BreakGlass> glass = facts.breakGlasses().stream()
                .filter(b -> b.accountId() == actor.accountId() && b.organisationId() == actor.actingOrganisationId())
                .filter(b -> facts.recordIds().contains(b.residentId()))
                .filter(b -> !b.startedAt().isAfter(facts.now()) && b.expiresAt().isAfter(facts.now()))
                .max(java.util.Comparator.comparing(BreakGlass::expiresAt));
        // An override opens the record as a relationship would, but not the sensitive categories: see RecordAccess.
        return glass.map(b -> new Decision(AccessBasis.BREAK_GLASS, visibility(actor, facts), Set.of(), b, true))
                .orElseGet(() -> Decision.refused(true));
    }

    private static Set<CareRelationshipKind> relationships(Actor actor, Facts facts) {
        return facts.relationships().stream()
                .filter(r -> actor.actingOrganisationId() != null && r.organisationId() == actor.actingOrganisationId())
                .filter(r -> facts.recordIds().contains(r.residentId()))
                .filter(r -> r.inForceAt(facts.now()))
                .map(CareRelationship::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CareRelationshipKind.class)));
    }

    private static Visibility visibility(Actor actor, Facts facts) {
        Collection<SensitiveCategory> open = facts.grants().stream()
                .filter(g -> g.organisationId() == actor.actingOrganisationId())
                .filter(g -> facts.recordIds().contains(g.residentId()))
                .filter(g -> !g.grantedAt().isAfter(facts.now()) && g.inForceAt(facts.now()))
                .map(SensitiveGrant::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SensitiveCategory.class)));
        return new Visibility(actor.actingOrganisationId(), Set.copyOf(open));
    }
}
