package org.yiwang.mpi;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.yiwang.mpi.matching.IdNumbers;

/**
 * A valid 18-character resident ID number (GB 11643, domain rules ID-01..ID-06), also covering the numbers of
 * Hong Kong, Macau and Taiwan residence permits (ID-10) and the new foreigners' permanent residence ID (ID-11).
 * Create one with {@link #parse}, which also upgrades a 15-digit legacy number (ID-05), or {@link #of}.
 * Pure: no Spring, no I/O.
 */
public final class ResidentIdNumber {

    /** What kind of document the number belongs to, told by its first digits. */
    public enum Kind {
        /** Mainland citizen (居民身份证). */
        CITIZEN,
        /** Residence permit of a Hong Kong, Macau or Taiwan resident: address code 810000, 820000 or 830000 (ID-10). */
        HK_MO_TW_RESIDENCE_PERMIT,
        /** Foreigner's permanent residence ID, 2023 version: first digit 9 (ID-11). */
        FOREIGN_PERMANENT_RESIDENT
    }

    /** The outcome of {@link #parse}: a number or the reason it was rejected. */
    public sealed interface Result permits Valid, Invalid {

        default boolean isValid() {
            return this instanceof Valid;
        }

        /** The number; throws {@link InvalidResidentIdNumberException} for an invalid input. */
        default ResidentIdNumber orElseThrow() {
            return switch (this) {
                case Valid valid -> valid.number();
                case Invalid invalid -> throw new InvalidResidentIdNumberException(invalid.error());
            };
        }
    }

    public record Valid(ResidentIdNumber number) implements Result {
    }

    public record Invalid(IdNumberError error) implements Result {
    }

    /** GB/T 2260 province-level codes (ID-06 checks only the province, since county codes change yearly). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");
    private static final Set<String> RESIDENCE_PERMIT_ADDRESS_CODES = Set.of("810000", "820000", "830000");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Nobody alive was born before this; older dates are typing errors. */
    private static final int EARLIEST_BIRTH_YEAR = 1880;

    private final String value;
    private final Kind kind;
    private final LocalDate birthDate;
    private final boolean upgradedFromLegacy;

    private ResidentIdNumber(String value, Kind kind, LocalDate birthDate, boolean upgradedFromLegacy) {
        this.value = value;
        this.kind = kind;
        this.birthDate = birthDate;
        this.upgradedFromLegacy = upgradedFromLegacy;
    }

    /** Validates against today's date in China. */
    public static Result parse(String input) {
        return parse(input, LocalDate.now(CHINA));
    }

    /**
     * Validates an 18-character number, or a 15-digit legacy number which is upgraded to 18 (ID-05). Surrounding
     * whitespace is ignored and a lower-case x check character is accepted and normalised to X (ID-03).
     *
     * @param today birth dates after this day are rejected
     */
    public static Result parse(String input, LocalDate today) {
        Objects.requireNonNull(today, "today");
        String raw = input == null ? "" : input.strip();
        if (raw.isEmpty()) {
            return invalid(IdNumberError.Code.EMPTY);
        }
        int length = raw.length();
        if (length == 15) {
            return parseLegacy(raw, today);
        }
        if (length != 18) {
            return invalid(IdNumberError.Code.LENGTH, length);
        }
        String normalised = raw.substring(0, 17) + Character.toUpperCase(raw.charAt(17));
        for (int i = 0; i < 18; i++) {
            char c = normalised.charAt(i);
            boolean allowed = isAsciiDigit(c) || (i == 17 && c == 'X');
            if (!allowed) {
                return invalid(IdNumberError.Code.CHARSET, i + 1, raw.charAt(i));
            }
        }
        Kind kind = kindOf(normalised);
        String province = kind == Kind.FOREIGN_PERMANENT_RESIDENT ? normalised.substring(1, 3) : normalised.substring(0, 2);
        if (kind != Kind.HK_MO_TW_RESIDENCE_PERMIT && !PROVINCES.contains(province)) {
            return invalid(IdNumberError.Code.PROVINCE_PREFIX, kind == Kind.FOREIGN_PERMANENT_RESIDENT
                    ? normalised.substring(0, 3) : province);
        }
        Result dateProblem = checkBirthDate(normalised.substring(6, 14), today);
        if (dateProblem != null) {
            return dateProblem;
        }
        char expected = checkCharacter(normalised.substring(0, 17));
        if (expected != normalised.charAt(17)) {
            return invalid(IdNumberError.Code.CHECK_DIGIT_MISMATCH, expected, normalised.charAt(17));
        }
        return new Valid(new ResidentIdNumber(normalised, kind, birthDateOf(normalised), false));
    }

    /** The number, or {@link InvalidResidentIdNumberException} with the reason. */
    public static ResidentIdNumber of(String input) {
        return parse(input).orElseThrow();
    }

    /**
     * ID-05: a 15-digit legacy number (6 address, YYMMDD, 3 sequence, no check) becomes 18 characters by inserting
     * the century 19 and appending the MOD 11-2 check character.
     */
    private static Result parseLegacy(String raw, LocalDate today) {
        for (int i = 0; i < 15; i++) {
            if (!isAsciiDigit(raw.charAt(i))) {
                return invalid(IdNumberError.Code.CHARSET, i + 1, raw.charAt(i));
            }
        }
        if (!PROVINCES.contains(raw.substring(0, 2))) {
            return invalid(IdNumberError.Code.PROVINCE_PREFIX, raw.substring(0, 2));
        }
        String first17 = raw.substring(0, 6) + "19" + raw.substring(6);
        Result dateProblem = checkBirthDate(first17.substring(6, 14), today);
        if (dateProblem != null) {
            return dateProblem;
        }
        String upgraded = first17 + checkCharacter(first17);
        return new Valid(new ResidentIdNumber(upgraded, Kind.CITIZEN, birthDateOf(upgraded), true));
    }

    /**
     * Builds a valid number from its parts (used by demo data and tests): the address code (6 digits, or for a
     * foreigner {@code 9} + province + country), birth date, and 3-digit sequence whose parity gives the sex (ID-02).
     */
    public static ResidentIdNumber compose(String addressCode, LocalDate birthDate, int sequence) {
        if (addressCode == null || addressCode.length() != 6 || !addressCode.chars().allMatch(c -> isAsciiDigit((char) c))) {
            throw new IllegalArgumentException("address code must be 6 digits");
        }
        if (sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("sequence must be 000-999");
        }
        String first17 = addressCode + "%04d%02d%02d".formatted(birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth()) + "%03d".formatted(sequence);
        return parse(first17 + checkCharacter(first17), birthDate).orElseThrow();
    }

    /** ID-03: ISO 7064 MOD 11-2 check character of the first 17 digits (shared with the matcher). */
    public static char checkCharacter(String first17Digits) {
        return IdNumbers.checkCharacter(first17Digits);
    }

    private static Kind kindOf(String number) {
        if (number.charAt(0) == '9') {
            return Kind.FOREIGN_PERMANENT_RESIDENT;
        }
        if (RESIDENCE_PERMIT_ADDRESS_CODES.contains(number.substring(0, 6))) {
            return Kind.HK_MO_TW_RESIDENCE_PERMIT;
        }
        return Kind.CITIZEN;
    }

    /** Null when the 8-digit date is real, not in the future and plausible. */
    private static Result checkBirthDate(String yyyymmdd, LocalDate today) {
        String written = yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6, 8);
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
        } catch (DateTimeException e) {
            return invalid(IdNumberError.Code.IMPOSSIBLE_BIRTH_DATE, written);
        }
        if (date.getYear() < EARLIEST_BIRTH_YEAR) {
            return invalid(IdNumberError.Code.IMPOSSIBLE_BIRTH_DATE, written);
        }
        if (date.isAfter(today)) {
            return invalid(IdNumberError.Code.FUTURE_BIRTH_DATE, written);
        }
        return null;
    }

    private static LocalDate birthDateOf(String number) {
        return LocalDate.of(Integer.parseInt(number.substring(6, 10)), Integer.parseInt(number.substring(10, 12)),
                Integer.parseInt(number.substring(12, 14)));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Result invalid(IdNumberError.Code code, Object... parameters) {
        return new Invalid(IdNumberError.of(code, parameters));
    }

    /** The normalised 18 characters, upper-case X. */
    public String value() {
        return value;
    }

    public Kind kind() {
        return kind;
    }

    /** ID-01: digits 7–14. */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** ID-02: digit 17 odd = male, even = female. */
    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** The 6-digit address code: household registration county, 810000/820000/830000, or 9 + province + country. */
    public String addressCode() {
        return value.substring(0, 6);
    }

    /** True when the input was a 15-digit legacy number (ID-05). */
    public boolean upgradedFromLegacy() {
        return upgradedFromLegacy;
    }

    /** Whole years of age on {@code day}. */
    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidentIdNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked, so that a number logged by accident does not single anyone out. */
    @Override
    public String toString() {
        return value.substring(0, 4) + "**********" + value.substring(14);
    }
}
