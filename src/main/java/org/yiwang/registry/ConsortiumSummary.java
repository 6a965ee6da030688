package org.yiwang.registry;

import java.util.Locale;

/** A 医共体, 医联体 or 医疗集团 with the number of its member organisations (the lead included). */
public record ConsortiumSummary(long id, String code, String nameZh, String nameEn, ConsortiumType type, int memberCount) {

    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
