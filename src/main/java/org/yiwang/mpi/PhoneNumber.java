package org.yiwang.mpi;

import java.util.Arrays;
import java.util.List;

/**
 * A phone number of a resident, normalised for the blind index: a mainland mobile number (11 digits, 1[3-9]…) or a
 * landline with area code (0 + 9–11 digits). Spaces and hyphens are dropped and a +86 / 0086 prefix removed.
 * Pure: no Spring, no I/O.
 */
public record PhoneNumber(String value, Kind kind) {

    public enum Kind { MOBILE, LANDLINE }

    /** Why a phone number was rejected; bundle key {@link #messageKey()}. */
    public record Error(Code code, List<String> parameters) {

        public enum Code {
            /** Nothing entered. */
            EMPTY,
            /** A character other than a digit, space or hyphen; parameters: position, character. */
            CHARSET,
            /** A mobile number has 11 digits; parameter: digits found. */
            MOBILE_LENGTH,
            /** A mobile number starts with 13–19; parameter: the first two digits. */
            MOBILE_PREFIX,
            /** A landline has 10–12 digits with its area code; parameter: digits found. */
            LANDLINE_LENGTH
        }

        public Error {
            parameters = List.copyOf(parameters);
        }

        static Error of(Code code, Object... parameters) {
            return new Error(code, Arrays.stream(parameters).map(String::valueOf).toList());
        }

        public String messageKey() {
            return "mpi.phone.error." + code.name();
        }

        public Object[] arguments() {
            return parameters.toArray();
        }
    }

    public sealed interface Result permits Valid, Invalid {
        default boolean isValid() {
            return this instanceof Valid;
        }
    }

    public record Valid(PhoneNumber phone) implements Result {
    }

    public record Invalid(Error error) implements Result {
    }

    public static Result parse(String input) {
        String raw = input == null ? "" : input.strip();
        if (raw.isEmpty()) {
            return new Invalid(Error.of(Error.Code.EMPTY));
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
                return new Invalid(Error.of(Error.Code.CHARSET, i + 1, c));
            }
        }
        String number = digits.toString();
        if (raw.startsWith("+86")) {
            number = number.substring(2);
        } else if (number.startsWith("0086")) {
            number = number.substring(4);
        }
        if (number.startsWith("0")) {
            if (number.length() < 10 || number.length() > 12) {
                return new Invalid(Error.of(Error.Code.LANDLINE_LENGTH, number.length()));
            }
            return new Valid(new PhoneNumber(number, Kind.LANDLINE));
        }
        if (number.length() >= 2 && (number.charAt(0) != '1' || number.charAt(1) < '3')) {
            return new Invalid(Error.of(Error.Code.MOBILE_PREFIX, number.substring(0, 2)));
        }
        if (number.length() != 11) {
            return new Invalid(Error.of(Error.Code.MOBILE_LENGTH, number.length()));
        }
        return new Valid(new PhoneNumber(number, Kind.MOBILE));
    }

    @Override
    public String toString() {
        return value.substring(0, 3) + "****" + value.substring(value.length() - 4);
    }
}
