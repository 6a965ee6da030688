package org.yiwang.registry;

import java.util.List;
import java.util.Set;

/** What an administrator submits to create or change a family-doctor team. */
public record CareTeamForm(String nameZh, String nameEn, long baseOrganisationId, Set<Long> coveredOrganisationIds,
        List<Member> members, boolean active, int version) {

    public record Member(long practitionerId, CareTeamRole role) {
    }

    public CareTeamForm {
        coveredOrganisationIds = coveredOrganisationIds == null ? Set.of() : Set.copyOf(coveredOrganisationIds);
        members = members == null ? List.of() : List.copyOf(members);
    }
}
