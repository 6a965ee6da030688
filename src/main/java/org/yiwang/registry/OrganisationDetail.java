package org.yiwang.registry;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Everything the registry holds about one organisation.
 *
 * @param latitude WGS-84 degrees, null if unknown (together with longitude)
 * @param beds approved beds (编制床位), null where not applicable
 * @param version optimistic-lock version: an edit based on an older version is refused, so no change is lost
 */
public record OrganisationDetail(
        long id,
        String code,
        String nameZh,
        String nameEn,
        String shortNameZh,
        String shortNameEn,
        OrganisationType type,
        Long parentId,
        String divisionCode,
        String address,
        BigDecimal latitude,
        BigDecimal longitude,
        Integer beds,
        boolean active,
        int version,
        Set<ServiceCode> services) {

    public OrganisationDetail {
        services = Set.copyOf(services);
    }

    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public OrganisationSummary summary() {
        return new OrganisationSummary(id, code, nameZh, nameEn, type, parentId, divisionCode);
    }
}
