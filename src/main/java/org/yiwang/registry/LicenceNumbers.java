package org.yiwang.registry;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Practising-certificate numbers (执业证书编码) as the county registers them: 15 digits, a category digit
 * (1–9), the GB/T 2260 county code of first registration (6), the year of first registration (4) and a serial
 * (4). National formats differ by profession and have changed over time, so this is a structural check; staff
 * without a certificate (administrative staff) have none.
 */
public final class LicenceNumbers {

    private static final Pattern FORMAT = Pattern.compile("[1-9]\\d{14}");
    private static final int FIRST_YEAR = 1950;

    private LicenceNumbers() {
    }

    /** The message key of what is wrong with {@code number} for {@code profession}, or empty if acceptable. */
    public static Optional<String> problem(String number, Profession profession, LocalDate today) {
        boolean blank = number == null || number.isBlank();
        if (profession == Profession.ADMINISTRATIVE_STAFF) {
            return blank ? Optional.empty() : Optional.of("registry.error.licence.notExpected");
        }
        if (blank) {
            return Optional.of("registry.error.licence.required");
        }
        if (!FORMAT.matcher(number).matches()) {
            return Optional.of("registry.error.licence.format");
        }
        if (!DivisionCodes.isValid(number.substring(1, 7))) {
            return Optional.of("registry.error.licence.division");
        }
        int year = Integer.parseInt(number.substring(7, 11));
        if (year < FIRST_YEAR || year > today.getYear()) {
            return Optional.of("registry.error.licence.year");
        }
        return Optional.empty();
    }
}
