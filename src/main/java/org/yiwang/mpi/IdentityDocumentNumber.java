package org.yiwang.mpi;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A valid identity-document number of one {@link IdentityDocumentType}, normalised for the blind index, with what
 * the number itself says about its holder. One validator per type (domain rules §6.2); the 18-digit types share the
 * check-digit and date rules of {@link ResidentIdNumber}. Pure: no Spring, no I/O.
 *
 * @param value normalised number: upper case, no surrounding blanks; a 15-digit legacy resident ID upgraded to 18
 * @param asTyped the number as entered (stripped), kept when it differs from {@code value}, e.g. the legacy 15 digits
 * @param issuingCountry ISO 3166 alpha-3 country of a passport or of an old foreigner's card; null otherwise
 * @param birthDate birth date carried by the number (ID-01), null for types without one
 * @param sex sex carried by the number (ID-02), null for types without one
 */
public record IdentityDocumentNumber(
        IdentityDocumentType type,
        String value,
        String asTyped,
        String issuingCountry,
        LocalDate birthDate,
        Sex sex) {

    /** The outcome of {@link #parse}: a number or the reason it was rejected. */
    public sealed interface Result permits Valid, Invalid {

        default boolean isValid() {
            return this instanceof Valid;
        }

        default IdentityDocumentNumber orElseThrow() {
            return switch (this) {
                case Valid valid -> valid.number();
                case Invalid invalid -> throw new InvalidIdentityDocumentException(invalid.error());
            };
        }
    }

    public record Valid(IdentityDocumentNumber number) implements Result {
    }

    public record Invalid(DocumentError error) implements Result {
    }

    private static final Set<String> RESIDENCE_PERMIT_PREFIXES = Set.of("810000", "820000", "830000");
    private static final int PASSPORT_MIN = 5;
    private static final int PASSPORT_MAX = 17;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public IdentityDocumentNumber {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        asTyped = asTyped == null ? value : asTyped;
    }

    /** Validates against today's date in China. */
    public static Result parse(IdentityDocumentType type, String input, String issuingCountry) {
        return parse(type, input, issuingCountry, LocalDate.now(CHINA));
    }

    /**
     * Validates {@code input} as a number of {@code type}. Surrounding blanks are ignored and letters are
     * upper-cased. {@code issuingCountry} is needed for a passport and ignored otherwise.
     */
    public static Result parse(IdentityDocumentType type, String input, String issuingCountry, LocalDate today) {
        Objects.requireNonNull(type, "type");
        String raw = input == null ? "" : input.strip();
        if (raw.isEmpty()) {
            return invalid(type, DocumentError.Code.EMPTY);
        }
        return switch (type) {
            case RESIDENT_ID -> residentId(raw, today);
            case HK_MO_TW_RESIDENCE_PERMIT -> residencePermit(raw, today);
            case FOREIGN_PERMANENT_RESIDENT_ID -> foreignPermanentResident(raw, today);
            case FOREIGN_PERMANENT_RESIDENT_ID_OLD -> foreignPermanentResidentOld(raw);
            case PASSPORT -> passport(raw, issuingCountry);
        };
    }

    /** ID-01..06: 18 characters, or 15 legacy digits upgraded (ID-05); other 18-digit kinds are pointed out. */
    private static Result residentId(String raw, LocalDate today) {
        IdentityDocumentType type = IdentityDocumentType.RESIDENT_ID;
        if (raw.length() == 18 && allDigits(raw.substring(0, 17))) {
            if (RESIDENCE_PERMIT_PREFIXES.contains(raw.substring(0, 6))) {
                return invalid(type, DocumentError.Code.IS_RESIDENCE_PERMIT, raw.substring(0, 6));
            }
            if (raw.charAt(0) == '9') {
                return invalid(type, DocumentError.Code.IS_FOREIGN_PERMANENT_RESIDENT_ID);
            }
        }
        return switch (ResidentIdNumber.parse(raw, today)) {
            case ResidentIdNumber.Invalid invalid -> new Invalid(DocumentError.from(type, invalid.error()));
            case ResidentIdNumber.Valid valid -> valid(type, valid.number(), raw);
        };
    }

    /** ID-10: 18 characters, address code 810000 (HK), 820000 (Macau) or 830000 (Taiwan), ID-03 check. */
    private static Result residencePermit(String raw, LocalDate today) {
        IdentityDocumentType type = IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT;
        Result shape = eighteenDigitShape(type, raw);
        if (shape != null) {
            return shape;
        }
        if (!RESIDENCE_PERMIT_PREFIXES.contains(raw.substring(0, 6))) {
            return invalid(type, DocumentError.Code.PERMIT_PREFIX, raw.substring(0, 6));
        }
        return eighteenDigit(type, raw, today);
    }

    /** ID-11: 18 characters, first digit 9, province of the accepting authority, ID-03 check. */
    private static Result foreignPermanentResident(String raw, LocalDate today) {
        IdentityDocumentType type = IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID;
        Result shape = eighteenDigitShape(type, raw);
        if (shape != null) {
            return shape;
        }
        if (raw.charAt(0) != '9') {
            return invalid(type, DocumentError.Code.FOREIGN_PREFIX, raw.charAt(0));
        }
        return eighteenDigit(type, raw, today);
    }

    /** ID-12: 3 Latin letters (nationality) + 12 digits; the digits' inner layout is not checked. */
    private static Result foreignPermanentResidentOld(String raw) {
        IdentityDocumentType type = IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID_OLD;
        if (raw.length() != 15) {
            return invalid(type, DocumentError.Code.LENGTH, 15, raw.length());
        }
        String upper = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < 15; i++) {
            char c = upper.charAt(i);
            if (i < 3 && !isLatinLetter(c)) {
                return invalid(type, DocumentError.Code.LETTER_EXPECTED, i + 1, raw.charAt(i));
            }
            if (i >= 3 && !isAsciiDigit(c)) {
                return invalid(type, DocumentError.Code.DIGIT_EXPECTED, i + 1, raw.charAt(i));
            }
        }
        return new Valid(new IdentityDocumentNumber(type, upper, raw, upper.substring(0, 3), null, null));
    }

    /** Passport: 5–17 Latin letters or digits, with a three-letter issuing country. */
    private static Result passport(String raw, String issuingCountry) {
        IdentityDocumentType type = IdentityDocumentType.PASSPORT;
        if (raw.length() < PASSPORT_MIN || raw.length() > PASSPORT_MAX) {
            return invalid(type, DocumentError.Code.LENGTH_RANGE, PASSPORT_MIN, PASSPORT_MAX, raw.length());
        }
        String upper = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (!isLatinLetter(c) && !isAsciiDigit(c)) {
                return invalid(type, DocumentError.Code.LETTER_OR_DIGIT_EXPECTED, i + 1, raw.charAt(i));
            }
        }
        String country = issuingCountry == null ? "" : issuingCountry.strip().toUpperCase(Locale.ROOT);
        if (country.isEmpty()) {
            return invalid(type, DocumentError.Code.ISSUING_COUNTRY_REQUIRED);
        }
        if (country.length() != 3 || !country.chars().allMatch(c -> isLatinLetter((char) c))) {
            return invalid(type, DocumentError.Code.ISSUING_COUNTRY_INVALID, issuingCountry.strip());
        }
        return new Valid(new IdentityDocumentNumber(type, upper, raw, country, null, null));
    }

    /** Length 18 and digits (X allowed last); null when the shape is right. */
    private static Result eighteenDigitShape(IdentityDocumentType type, String raw) {
        if (raw.length() != 18) {
            return invalid(type, DocumentError.Code.LENGTH, 18, raw.length());
        }
        for (int i = 0; i < 18; i++) {
            char c = raw.charAt(i);
            if (!isAsciiDigit(c) && !(i == 17 && (c == 'X' || c == 'x'))) {
                return invalid(type, DocumentError.Code.CHARSET, i + 1, c);
            }
        }
        return null;
    }

    private static Result eighteenDigit(IdentityDocumentType type, String raw, LocalDate today) {
        return switch (ResidentIdNumber.parse(raw, today)) {
            case ResidentIdNumber.Invalid invalid -> new Invalid(DocumentError.from(type, invalid.error()));
            case ResidentIdNumber.Valid valid -> valid(type, valid.number(), raw);
        };
    }

    private static Result valid(IdentityDocumentType type, ResidentIdNumber number, String raw) {
        return new Valid(new IdentityDocumentNumber(type, number.value(), raw, null, number.birthDate(),
                number.sex()));
    }

    private static boolean allDigits(String s) {
        return s.chars().allMatch(c -> isAsciiDigit((char) c));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLatinLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static Result invalid(IdentityDocumentType type, DocumentError.Code code, Object... parameters) {
        return new Invalid(DocumentError.of(type, code, parameters));
    }

    /** True when a 15-digit legacy resident ID was upgraded to 18 characters (ID-05). */
    public boolean upgradedFromLegacy() {
        return type == IdentityDocumentType.RESIDENT_ID && asTyped.length() == 15;
    }

    /** The original as typed when it is worth keeping (a legacy number), otherwise null. */
    public String originalWorthKeeping() {
        return upgradedFromLegacy() ? asTyped : null;
    }

    /** Masked, so that a number logged by accident does not single anyone out. */
    @Override
    public String toString() {
        return type + "[" + value.substring(0, Math.min(3, value.length())) + "***]";
    }
}
