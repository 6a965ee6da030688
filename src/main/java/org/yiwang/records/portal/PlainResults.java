package org.yiwang.records.portal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import org.yiwang.records.Interpretation;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/**
 * Results in words a lay person reads: units as printed on a Chinese lab slip, reference ranges as "3.9–6.1", and
 * for each flag the message key and argument of its plain-language explanation (critical values tell the reader to
 * contact a doctor now). Pure.
 */
final class PlainResults {

    private static final Map<String, String> UNITS_ZH = Map.of("mm[Hg]", "mmHg", "Cel", "℃", "/min", "次/分",
            "10*9/L", "×10⁹/L", "10*12/L", "×10¹²/L", "umol/L", "μmol/L", "ug/L", "μg/L", "kg/m2", "kg/m²",
            "mL/min/{1.73_m2}", "mL/min/1.73m²", "{INR}", "");
    private static final Map<String, String> UNITS_EN = Map.of("mm[Hg]", "mmHg", "Cel", "°C", "/min", "/min",
            "10*9/L", "×10⁹/L", "10*12/L", "×10¹²/L", "umol/L", "μmol/L", "ug/L", "μg/L", "kg/m2", "kg/m²",
            "mL/min/{1.73_m2}", "mL/min/1.73m²", "{INR}", "");

    private PlainResults() {
    }

    /** A UCUM unit as people write it ({@code mm[Hg]} → mmHg, {@code Cel} → ℃). */
    static String unit(String ucum, Locale locale) {
        if (ucum == null) {
            return "";
        }
        String shown = (Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? UNITS_EN : UNITS_ZH).get(ucum);
        return shown == null ? ucum.replace("[pH]", "") : shown;
    }

    static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().scale() < 0 ? value.setScale(0).toPlainString()
                : value.toPlainString();
    }

    static String quantity(Quantity q, Locale locale) {
        if (q == null) {
            return "";
        }
        String unit = unit(q.unit(), locale);
        return unit.isEmpty() ? number(q.value()) : number(q.value()) + " " + unit;
    }

    /** "3.9–6.1", "≤ 5.2", "≥ 1.04", or empty when there is no range. */
    static String range(ReferenceRange range) {
        if (range == null || range.isEmpty()) {
            return "";
        }
        if (range.low() != null && range.high() != null) {
            return number(range.low()) + "–" + number(range.high());
        }
        return range.high() != null ? "≤ " + number(range.high()) : "≥ " + number(range.low());
    }

    /**
     * The explanation of a flag: a message key of the portal bundle and its one argument (the limit that was crossed,
     * with its unit, or the range), or null when there is nothing to explain (no flag).
     */
    static Explanation explain(Interpretation flag, ReferenceRange range, String ucum, Locale locale) {
        if (flag == null) {
            return null;
        }
        String unit = unit(ucum, locale);
        String suffix = unit.isEmpty() ? "" : " " + unit;
        BigDecimal limit = switch (flag) {
            case HIGH, CRITICAL_HIGH -> range == null ? null : range.high();
            case LOW, CRITICAL_LOW -> range == null ? null : range.low();
            default -> null;
        };
        if (flag == Interpretation.NORMAL) {
            String r = range(range);
            return r.isEmpty() ? new Explanation("portal.explain.NORMAL.noRange", "")
                    : new Explanation("portal.explain.NORMAL", r + suffix);
        }
        if (limit == null && flag != Interpretation.ABNORMAL && flag != Interpretation.CRITICAL) {
            return new Explanation("portal.explain." + flag.name() + ".noLimit", "");
        }
        return new Explanation("portal.explain." + flag.name(), limit == null ? "" : number(limit) + suffix);
    }

    /** A message key of the portal bundle and its argument. */
    record Explanation(String key, String argument) {
    }
}
