package org.yiwang.mpi;

import java.util.Arrays;
import java.util.List;

/**
 * Why an identity-document number was rejected, precise enough to say what to fix: which position holds which
 * wrong character, which date is impossible, which check character was expected. The bundle key is
 * {@link #messageKey()}; {@link #arguments()} fill its placeholders.
 */
public record DocumentError(IdentityDocumentType type, Code code, List<String> parameters) {

    public enum Code {
        /** Nothing entered. */
        EMPTY,
        /** A resident ID is neither 18 nor 15 characters; parameter: length found. */
        RESIDENT_ID_LENGTH,
        /** Fixed length; parameters: expected, found. */
        LENGTH,
        /** Length range (passport); parameters: min, max, found. */
        LENGTH_RANGE,
        /** Digits only, X as the last character; parameters: position, character. */
        CHARSET,
        /** A digit is expected; parameters: position, character. */
        DIGIT_EXPECTED,
        /** A Latin letter is expected; parameters: position, character. */
        LETTER_EXPECTED,
        /** Letters and digits only; parameters: position, character. */
        LETTER_OR_DIGIT_EXPECTED,
        /** Not a province code (ID-06); parameter: the prefix. */
        PROVINCE_PREFIX,
        /** A residence permit must start with 810000, 820000 or 830000 (ID-10); parameter: the first 6 digits. */
        PERMIT_PREFIX,
        /** A new foreigner's permanent residence ID starts with 9 (ID-11); parameter: the first character. */
        FOREIGN_PREFIX,
        /** Birth date in the number does not exist; parameter: the date as written. */
        IMPOSSIBLE_BIRTH_DATE,
        /** Birth date in the number is after today; parameter: the date. */
        FUTURE_BIRTH_DATE,
        /** MOD 11-2 check character mismatch (ID-03); parameters: expected, found. */
        CHECK_DIGIT_MISMATCH,
        /** Entered as a resident ID but is a residence-permit number (ID-10); parameter: its first 6 digits. */
        IS_RESIDENCE_PERMIT,
        /** Entered as a resident ID but is a new foreigner's permanent residence ID (ID-11). */
        IS_FOREIGN_PERMANENT_RESIDENT_ID,
        /** Passport without issuing country. */
        ISSUING_COUNTRY_REQUIRED,
        /** Issuing country not three Latin letters; parameter: what was entered. */
        ISSUING_COUNTRY_INVALID
    }

    public DocumentError {
        parameters = List.copyOf(parameters);
    }

    static DocumentError of(IdentityDocumentType type, Code code, Object... parameters) {
        return new DocumentError(type, code, Arrays.stream(parameters).map(String::valueOf).toList());
    }

    /** The same reason as a resident-ID error of {@link ResidentIdNumber}. */
    static DocumentError from(IdentityDocumentType type, IdNumberError error) {
        Code code = switch (error.code()) {
            case EMPTY -> Code.EMPTY;
            case LENGTH -> Code.RESIDENT_ID_LENGTH;
            case CHARSET -> Code.CHARSET;
            case PROVINCE_PREFIX -> Code.PROVINCE_PREFIX;
            case IMPOSSIBLE_BIRTH_DATE -> Code.IMPOSSIBLE_BIRTH_DATE;
            case FUTURE_BIRTH_DATE -> Code.FUTURE_BIRTH_DATE;
            case CHECK_DIGIT_MISMATCH -> Code.CHECK_DIGIT_MISMATCH;
        };
        return new DocumentError(type, code, error.parameters());
    }

    public String messageKey() {
        return "mpi.document.error." + code.name();
    }

    public Object[] arguments() {
        return parameters.toArray();
    }

    @Override
    public String toString() {
        return type + ":" + code + parameters;
    }
}
