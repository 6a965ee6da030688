package org.yiwang.mpi.matching;

/**
 * Resident ID number arithmetic shared by the matcher and {@code org.yiwang.mpi.ResidentIdNumber}: the MOD 11-2
 * check character (ID-03) and the upgrade of a 15-digit legacy number to 18 characters (ID-05). Pure functions.
 */
public final class IdNumbers {

    /** ID-03: weights 2^(17-i) mod 11 for positions 1..17. */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private IdNumbers() {
    }

    /** ID-03: ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkCharacter(CharSequence first17Digits) {
        if (first17Digits.length() != 17) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17Digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("need 17 digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * The number as a matcher compares it: whitespace and separators removed, a lower-case x upper-cased (ID-03),
     * a 15-digit legacy number upgraded to 18 characters by inserting 19 and appending the check character
     * (ID-05). Anything else is returned cleaned but otherwise unchanged (typos stay visible to the comparator).
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder cleaned = new StringBuilder(18);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                cleaned.append(c);
            } else if (c == 'x' || c == 'X') {
                cleaned.append('X');
            } else if (c >= '０' && c <= '９') {
                cleaned.append((char) (c - '０' + '0'));
            } else if (Character.isLetter(c)) {
                cleaned.append(Character.toUpperCase(c));
            }
        }
        if (cleaned.length() == 15 && allDigits(cleaned, 15)) {
            String first17 = cleaned.substring(0, 6) + "19" + cleaned.substring(6);
            return first17 + checkCharacter(first17);
        }
        return cleaned.toString();
    }

    /** True for 18 characters, 17 digits and a check character that matches them (ID-01, ID-03). */
    public static boolean hasValidCheckCharacter(String normalised) {
        return normalised.length() == 18 && allDigits(normalised, 17)
                && checkCharacter(normalised.subSequence(0, 17)) == normalised.charAt(17);
    }

    private static boolean allDigits(CharSequence text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
