package org.yiwang.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a family-doctor team is composed as domain-rules §2 asks. Pure: it is given the base, the covered
 * clinics and each member's profession and practice places, and answers the broken rules.
 * <ul>
 *   <li>FD-01: the team is based at a primary-care centre (township or community health centre); its family doctor
 *   is a physician (general practitioner, capable township doctor) or a village doctor practising at the base or a
 *   covered village clinic.</li>
 *   <li>FD-02: one family doctor (the first person responsible), at least one nurse and one public-health worker
 *   of the base or its clinics; optionally specialists from a hospital; village doctors of covered clinics.</li>
 * </ul>
 */
public final class CareTeamComposition {

    /** An organisation as the rules see it. */
    public record Place(long id, OrganisationType type, Long parentId) {
    }

    /** A proposed member: role in the team, profession, and the organisations they practise at. */
    public record Member(long practitionerId, CareTeamRole role, Profession profession, Map<Long, OrganisationType> practisesAt) {
    }

    /** A broken rule: its id in domain-rules.md and the message key explaining it. */
    public record Violation(String ruleId, String messageKey) {
    }

    private CareTeamComposition() {
    }

    public static List<Violation> check(Place base, List<Place> covered, List<Member> members) {
        List<Violation> violations = new ArrayList<>();
        if (!base.type().isPrimaryCareCentre()) {
            violations.add(new Violation("FD-01", "registry.error.team.base"));
        }
        Set<Long> local = new HashSet<>();
        local.add(base.id());
        for (Place clinic : covered) {
            if (clinic.type() != OrganisationType.VILLAGE_CLINIC || !Long.valueOf(base.id()).equals(clinic.parentId())) {
                violations.add(new Violation("FD-02", "registry.error.team.coverage"));
                break;
            }
            local.add(clinic.id());
        }
        Set<Long> seen = new HashSet<>();
        boolean duplicate = false;
        int leads = 0;
        boolean nurse = false;
        boolean publicHealth = false;
        for (Member member : members) {
            duplicate |= !seen.add(member.practitionerId());
            boolean practisesLocally = member.practisesAt().keySet().stream().anyMatch(local::contains);
            switch (member.role()) {
                case LEAD_DOCTOR -> {
                    leads++;
                    if (member.profession() != Profession.PHYSICIAN && member.profession() != Profession.VILLAGE_DOCTOR) {
                        violations.add(new Violation("FD-01", "registry.error.team.lead.profession"));
                    } else if (!practisesLocally) {
                        violations.add(new Violation("FD-01", "registry.error.team.lead.place"));
                    }
                }
                case NURSE -> {
                    if (member.profession() != Profession.NURSE || !practisesLocally) {
                        violations.add(new Violation("FD-02", "registry.error.team.nurse.member"));
                    }
                    nurse = true;
                }
                case PUBLIC_HEALTH -> {
                    if (member.profession() != Profession.PUBLIC_HEALTH_PHYSICIAN || !practisesLocally) {
                        violations.add(new Violation("FD-02", "registry.error.team.publicHealth.member"));
                    }
                    publicHealth = true;
                }
                case VILLAGE_DOCTOR -> {
                    boolean atCoveredClinic = member.practisesAt().keySet().stream()
                            .anyMatch(id -> id != base.id() && local.contains(id));
                    if (member.profession() != Profession.VILLAGE_DOCTOR || !atCoveredClinic) {
                        violations.add(new Violation("FD-02", "registry.error.team.villageDoctor"));
                    }
                }
                case SPECIALIST -> {
                    boolean atHospital = member.practisesAt().values().stream().anyMatch(OrganisationType::isHospital);
                    if (member.profession() != Profession.PHYSICIAN || !atHospital) {
                        violations.add(new Violation("FD-02", "registry.error.team.specialist"));
                    }
                }
                case ASSISTANT -> {
                    if (member.profession() == Profession.ADMINISTRATIVE_STAFF) {
                        violations.add(new Violation("FD-02", "registry.error.team.assistant"));
                    }
                }
            }
        }
        if (duplicate) {
            violations.add(new Violation("FD-02", "registry.error.team.duplicate"));
        }
        if (leads == 0) {
            violations.add(new Violation("FD-02", "registry.error.team.lead.missing"));
        } else if (leads > 1) {
            violations.add(new Violation("FD-02", "registry.error.team.lead.many"));
        }
        if (!nurse) {
            violations.add(new Violation("FD-02", "registry.error.team.nurse.missing"));
        }
        if (!publicHealth) {
            violations.add(new Violation("FD-02", "registry.error.team.publicHealth.missing"));
        }
        return List.copyOf(violations);
    }
}
