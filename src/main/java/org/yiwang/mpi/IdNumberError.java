package org.yiwang.mpi;

import java.util.List;

/**
 * Why a resident ID number was rejected, precise enough for the UI to say what to fix in the user's language:
 * the bundle key is {@link #messageKey()} and {@link #parameters()} fill its placeholders.
 */
public record IdNumberError(Code code, List<String> parameters) {

    public enum Code {
        /** Nothing entered. */
        EMPTY,
        /** Neither 18 nor (legacy) 15 characters; parameter: the length found. */
        LENGTH,
        /** A character other than a digit (or a final X); parameters: 1-based position, the character. */
        CHARSET,
        /** First two digits are no province (ID-06); parameter: the prefix. */
        PROVINCE_PREFIX,
        /** Birth date does not exist; parameter: the date as written, e.g. 1990-02-30. */
        IMPOSSIBLE_BIRTH_DATE,
        /** Birth date after today; parameter: the date. */
        FUTURE_BIRTH_DATE,
        /** MOD 11-2 check character does not match (ID-03); parameters: expected, found. */
        CHECK_DIGIT_MISMATCH
    }

    public IdNumberError {
        parameters = List.copyOf(parameters);
    }

    static IdNumberError of(Code code, Object... parameters) {
        return new IdNumberError(code, java.util.Arrays.stream(parameters).map(String::valueOf).toList());
    }

    public String messageKey() {
        return "mpi.idNumber.error." + code.name();
    }

    /** Arguments for {@code MessageSource.getMessage}. */
    public Object[] arguments() {
        return parameters.toArray();
    }

    @Override
    public String toString() {
        return code + parameters.toString();
    }
}
