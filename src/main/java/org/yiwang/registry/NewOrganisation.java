package org.yiwang.registry;

import java.math.BigDecimal;

/** An organisation to register; the parent is named by its code so a whole tree can be written in one go. */
record NewOrganisation(
        String code,
        String nameZh,
        String nameEn,
        String shortNameZh,
        String shortNameEn,
        OrganisationType type,
        String parentCode,
        String divisionCode,
        String address,
        BigDecimal latitude,
        BigDecimal longitude) {
}
