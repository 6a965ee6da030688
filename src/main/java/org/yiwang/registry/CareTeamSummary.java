package org.yiwang.registry;

import java.util.Locale;

/**
 * A family-doctor team (家庭医生团队) as other modules see it (public health contracts, follow-ups).
 *
 * @param baseOrganisationId the township or community health centre the team belongs to
 * @param leadPractitionerId the family doctor, first person responsible (FD-02)
 */
public record CareTeamSummary(long id, String nameZh, String nameEn, long baseOrganisationId, boolean active,
        Long leadPractitionerId, int memberCount, int coveredClinicCount) {

    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
