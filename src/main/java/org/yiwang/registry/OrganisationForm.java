package org.yiwang.registry;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What an administrator submits to create or change an organisation. Only these fields can be written: a form
 * cannot reach the id, path, audit columns or anything else.
 *
 * @param version the version the edit is based on (ignored on create)
 */
public record OrganisationForm(
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
        Set<ServiceCode> services,
        int version) {

    public OrganisationForm {
        services = services == null ? Set.of() : Set.copyOf(services);
    }

    public static OrganisationForm of(OrganisationDetail o) {
        return new OrganisationForm(o.code(), o.nameZh(), o.nameEn(), o.shortNameZh(), o.shortNameEn(), o.type(),
                o.parentId(), o.divisionCode(), o.address(), o.latitude(), o.longitude(), o.beds(), o.active(),
                o.services(), o.version());
    }
}
