package org.yiwang.registry;

import java.util.Locale;

/**
 * An organisation as other modules see it.
 *
 * @param parentId parent in the hierarchy; null for the root (the health commission)
 * @param divisionCode GB/T 2260 county code, extended by township (3) and village committee (3) digits where relevant
 */
public record OrganisationSummary(
        long id,
        String code,
        String nameZh,
        String nameEn,
        OrganisationType type,
        Long parentId,
        String divisionCode) {

    /** The Chinese name for Chinese locales, the English name otherwise. */
    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
