package org.yiwang.platform.security.internal;

import java.util.Optional;

/**
 * A mainland mobile number as typed ("138 1234 5678", "+86 138-1234-5678") normalised to its 11 digits, the form the
 * master index blind-indexes. Landlines cannot receive a code, so they are not accepted here.
 */
final class MobileNumbers {

    private MobileNumbers() {
    }

    static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String raw = input.strip();
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
                return Optional.empty();
            }
        }
        String number = digits.toString();
        if (raw.startsWith("+86")) {
            number = number.substring(2);
        } else if (number.startsWith("0086")) {
            number = number.substring(4);
        }
        return number.matches("1[3-9][0-9]{9}") ? Optional.of(number) : Optional.empty();
    }

    /** {@code 13812345678} → {@code 138****5678}; for audit entries and pages shown before sign-in. */
    static String masked(String mobileNumber) {
        return mobileNumber.substring(0, 3) + "****" + mobileNumber.substring(7);
    }
}
