package org.yiwang.registry;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GB/T 2260 administrative division codes as organisations carry them: the 6-digit county-level code
 * (province 2 + prefecture 2 + county 2), extended by the 3-digit township segment (GB/T 10114) and the
 * 3-digit village/residents' committee segment (REC-03). Checks the structure, not membership in the
 * published list: counties are renamed and recoded, and the demo county 519921 is made up on purpose.
 */
public final class DivisionCodes {

    private static final Pattern DIGITS = Pattern.compile("\\d{6}(\\d{3}(\\d{3})?)?");

    /** Province-level codes of GB/T 2260 (31 provinces, Taiwan, Hong Kong, Macao). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
            "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
            "64", "65", "71", "81", "82");

    private DivisionCodes() {
    }

    /** The message key of what is wrong with {@code code}, or empty if it is well-formed. */
    public static Optional<String> problem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of("registry.error.division.required");
        }
        if (!DIGITS.matcher(code).matches()) {
            return Optional.of("registry.error.division.format");
        }
        if (!PROVINCES.contains(code.substring(0, 2))) {
            return Optional.of("registry.error.division.province");
        }
        if (code.startsWith("00", 2)) {
            return Optional.of("registry.error.division.prefecture");
        }
        if (code.length() >= 9 && code.startsWith("000", 6)) {
            return Optional.of("registry.error.division.township");
        }
        if (code.length() == 12 && code.startsWith("000", 9)) {
            return Optional.of("registry.error.division.village");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The 6-digit county-level part. */
    public static String county(String code) {
        return code.substring(0, 6);
    }
}
