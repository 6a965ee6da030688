package org.yiwang.registry;

import java.util.List;

/** A family-doctor team with its members (lead first) and the village clinics it covers. */
public record CareTeamDetail(CareTeamSummary team, int version, List<Member> members, List<OrganisationSummary> coveredClinics) {

    public record Member(PractitionerSummary practitioner, CareTeamRole role) {
    }

    public CareTeamDetail {
        members = List.copyOf(members);
        coveredClinics = List.copyOf(coveredClinics);
    }
}
