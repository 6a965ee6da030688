package org.yiwang.records.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.Interpretation;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/**
 * An entry as a page shows it: with the names of its organisation and author, times in Asia/Shanghai and its value
 * written out.
 */
public record EntryView(ClinicalEntry entry, String organisationName, String authorName) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    public static String time(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant.atZone(TimelineFilter.CHINA));
    }

    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(TimelineFilter.CHINA));
    }

    public static String quantity(Quantity q) {
        return q == null ? "" : q.value().toPlainString() + " " + unit(q.unit());
    }

    /** UCUM units as people write them. */
    public static String unit(String ucum) {
        if (ucum == null) {
            return "";
        }
        return switch (ucum) {
            case "mm[Hg]" -> "mmHg";
            case "Cel" -> "℃";
            case "/min" -> "次/分";
            case "10*9/L" -> "×10⁹/L";
            case "10*12/L" -> "×10¹²/L";
            case "{INR}", "[pH]" -> "";
            case "mL/min/{1.73_m2}" -> "mL/min/1.73m²";
            case "kg/m2" -> "kg/m²";
            default -> ucum;
        };
    }

    public static String range(ReferenceRange range) {
        if (range == null || range.isEmpty()) {
            return "";
        }
        if (range.low() != null && range.high() != null) {
            return plain(range.low()) + "–" + plain(range.high());
        }
        return range.low() != null ? "≥ " + plain(range.low()) : "≤ " + plain(range.high());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0).toPlainString()
                : value.stripTrailingZeros().toPlainString();
    }

    public String effectiveTime() {
        return time(entry.effectiveAt());
    }

    public String endedTime() {
        return time(entry.endedAt());
    }

    /** The result in one line: value with unit, text, or the components of a panel (120/80 mmHg). */
    public String result() {
        if (entry.details() instanceof EntryDetails.Observation obs && !obs.components().isEmpty()) {
            StringBuilder text = new StringBuilder();
            String unit = null;
            for (EntryDetails.Component c : obs.components()) {
                if (c.value() == null) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append('/');
                }
                text.append(c.value().value().toPlainString());
                unit = c.value().unit();
            }
            return text.isEmpty() ? nullToEmpty(entry.valueText()) : text + " " + unit(unit);
        }
        if (entry.value() != null) {
            return quantity(entry.value());
        }
        return nullToEmpty(entry.valueText());
    }

    /** The entry's flag, or the worst flag of its components. */
    public Interpretation flag() {
        Interpretation worst = entry.interpretation();
        if (entry.details() instanceof EntryDetails.Observation obs) {
            for (EntryDetails.Component c : obs.components()) {
                worst = worse(worst, c.interpretation());
            }
        }
        return worst;
    }

    public boolean abnormal() {
        Interpretation flag = flag();
        return flag != null && flag.abnormal();
    }

    public boolean critical() {
        Interpretation flag = flag();
        return flag != null && flag.critical();
    }

    public String rangeText() {
        return range(entry.range());
    }

    private static Interpretation worse(Interpretation a, Interpretation b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Interpretation i) {
        return i.critical() ? 2 : i.abnormal() ? 1 : 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
