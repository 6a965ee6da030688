package org.yiwang.mpi.matching;

/** String measures used by the comparators. Pure functions, no allocation in the hot paths beyond arrays. */
public final class Similarity {

    private Similarity() {
    }

    /** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4), 1 for two equal strings. */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return a.isEmpty() ? 0 : 1;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0;
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] matchedA = new boolean[la];
        boolean[] matchedB = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        for (int i = 0, j = 0; i < la; i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(la, lb)) && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /**
     * True when the strings differ by at most one typing error: one substituted, inserted or deleted character,
     * or two adjacent characters transposed (Damerau-Levenshtein distance ≤ 1).
     */
    public static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (differences == 0) {
                        first = i;
                    }
                    differences++;
                    if (differences > 2) {
                        return false;
                    }
                }
            }
            if (differences <= 1) {
                return true;
            }
            return first + 1 < la && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.regionMatches(first + 2, b, first + 2, la - first - 2);
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }

    /** Dice coefficient of the character bigram sets (multiset-free), in [0, 1]. */
    public static double bigramDice(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return a.equals(b) && !a.isEmpty() ? 1 : 0;
        }
        int common = 0;
        boolean[] used = new boolean[b.length() - 1];
        for (int i = 0; i + 1 < a.length(); i++) {
            for (int j = 0; j + 1 < b.length(); j++) {
                if (!used[j] && a.charAt(i) == b.charAt(j) && a.charAt(i + 1) == b.charAt(j + 1)) {
                    used[j] = true;
                    common++;
                    break;
                }
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }

    /** American Soundex code (4 characters) of the letters of a word, or "" when it has none. */
    public static String soundex(String word) {
        StringBuilder code = new StringBuilder(4);
        char last = 0;
        for (int i = 0; i < word.length() && code.length() < 4; i++) {
            char c = Character.toLowerCase(word.charAt(i));
            if (c < 'a' || c > 'z') {
                continue;
            }
            char digit = "01230120022455012623010202".charAt(c - 'a');
            if (code.length() == 0) {
                code.append(Character.toUpperCase(c));
                last = digit;
                continue;
            }
            if (digit != '0' && digit != last) {
                code.append(digit);
            }
            if (c != 'h' && c != 'w') {
                last = digit;
            }
        }
        if (code.length() == 0) {
            return "";
        }
        while (code.length() < 4) {
            code.append('0');
        }
        return code.toString();
    }
}
