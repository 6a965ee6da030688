package org.yiwang.mpi.matching;

import java.util.List;

/** Field comparisons for Chinese resident registrations. */
final class ChineseResidentComparisons {

    private ChineseResidentComparisons() {
    }

    static final int NAME_DIFFERENT = 0;
    static final int NAME_PARTIAL = 1;
    static final int NAME_NEAR = 2;
    static final int NAME_SAME_PINYIN = 3;
    static final int NAME_EXACT = 4;

    /**
     * Names: EXACT after folding traditional characters and removing spaces; SAME_PINYIN for homophones at every
     * position (counting all readings of polyphones) or a pinyin-only name spelling the other's pinyin (either
     * order); NEAR when every differing position is a homophone, a look-alike (形近字) or a southern-dialect fuzzy
     * reading (l/n, zh/z, an/ang …), or the given-name characters are swapped; PARTIAL when the surnames agree and
     * the names differ in exactly one given-name character out of at least two; else DIFFERENT.
     */
    static final class Name implements FieldComparison {

        @Override
        public String field() {
            return "name";
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "PARTIAL", "NEAR", "SAME_PINYIN", "EXACT");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.namePinyin.isEmpty() || b.namePinyin.isEmpty()) {
                return MISSING;
            }
            boolean hanA = !a.nameHan.isEmpty();
            boolean hanB = !b.nameHan.isEmpty();
            if (hanA && hanB) {
                return compareHan(a, b);
            }
            if (!hanA && !hanB) {
                if (a.namePinyin.equals(b.namePinyin) || swappedLatin(a, b)) {
                    return NAME_EXACT;
                }
                if (a.fuzzyName.equals(b.fuzzyName)) {
                    return NAME_NEAR;
                }
                return Similarity.jaroWinkler(a.namePinyin, b.namePinyin) >= 0.92 ? NAME_PARTIAL : NAME_DIFFERENT;
            }
            PreparedRecord han = hanA ? a : b;
            PreparedRecord latin = hanA ? b : a;
            if (spells(han, latin.namePinyin) || (latin.latinWords.length == 2
                    && spells(han, latin.latinWords[1] + latin.latinWords[0]))) {
                return NAME_SAME_PINYIN;
            }
            if (han.fuzzyName.equals(latin.fuzzyName)) {
                return NAME_NEAR;
            }
            return Similarity.jaroWinkler(han.namePinyin, latin.namePinyin) >= 0.92 ? NAME_PARTIAL : NAME_DIFFERENT;
        }

        private static int compareHan(PreparedRecord a, PreparedRecord b) {
            if (a.nameHan.equals(b.nameHan)) {
                return NAME_EXACT;
            }
            int n = a.nameChars.length;
            if (n != b.nameChars.length) {
                return NAME_DIFFERENT;
            }
            boolean allHomophones = true;
            boolean allNear = true;
            int unrelated = 0;
            int unrelatedAt = -1;
            for (int i = 0; i < n; i++) {
                int ca = a.nameChars[i];
                int cb = b.nameChars[i];
                if (ca == cb) {
                    continue;
                }
                if (sharesReading(a.readings[i], b.readings[i])) {
                    continue;
                }
                allHomophones = false;
                int group = a.lookAlikeGroups[i];
                if (group >= 0 && group == b.lookAlikeGroups[i]
                        || sharesReading(a.fuzzyReadings[i], b.fuzzyReadings[i])) {
                    continue;
                }
                allNear = false;
                unrelated++;
                unrelatedAt = i;
            }
            if (allHomophones) {
                return NAME_SAME_PINYIN;
            }
            if (allNear) {
                return NAME_NEAR;
            }
            if (n >= 3 && swappedGivenName(a, b)) {
                return NAME_NEAR;
            }
            if (n >= 3 && unrelated == 1 && unrelatedAt > 0) {
                return NAME_PARTIAL;
            }
            return NAME_DIFFERENT;
        }

        private static boolean swappedGivenName(PreparedRecord a, PreparedRecord b) {
            int n = a.nameChars.length;
            return n == 3 && a.nameChars[0] == b.nameChars[0] && a.nameChars[1] == b.nameChars[2]
                    && a.nameChars[2] == b.nameChars[1];
        }

        private static boolean swappedLatin(PreparedRecord a, PreparedRecord b) {
            return a.latinWords.length == 2 && b.latinWords.length == 2 && a.latinWords[0].equals(b.latinWords[1])
                    && a.latinWords[1].equals(b.latinWords[0]);
        }

        static boolean sharesReading(String[] x, String[] y) {
            for (String p : x) {
                for (String q : y) {
                    if (p.equals(q)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** True when some choice of readings of the Han name spells {@code letters}. */
        static boolean spells(PreparedRecord han, String letters) {
            return spells(han.readings, 0, letters, 0);
        }

        private static boolean spells(String[][] readings, int position, String letters, int offset) {
            if (position == readings.length) {
                return offset == letters.length();
            }
            for (String reading : readings[position]) {
                if (letters.startsWith(reading, offset) && spells(readings, position + 1, letters,
                        offset + reading.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Sex: SAME or DIFFERENT; missing when either is unknown. */
    static final class Sex implements FieldComparison {

        @Override
        public String field() {
            return "sex";
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "SAME");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.sex == 0 || b.sex == 0) {
                return MISSING;
            }
            return a.sex == b.sex ? 1 : 0;
        }
    }

    static final int DATE_DIFFERENT = 0;
    static final int DATE_YEAR_ONLY = 1;
    static final int DATE_CLOSE = 2;
    static final int DATE_EXACT = 3;

    /**
     * Birth dates: EXACT; CLOSE for one mistyped digit, two adjacent digits transposed, day and month swapped, or
     * one day apart; YEAR_ONLY when the years agree and one side knows only the year (a partial date, or the
     * placeholder YYYY-01-01 that registries type for an unknown day); else DIFFERENT. Missing when a side has no
     * year.
     */
    static final class BirthDate implements FieldComparison {

        @Override
        public String field() {
            return "birth_date";
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "YEAR_ONLY", "CLOSE", "EXACT");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.birthYear == 0 || b.birthYear == 0) {
                return MISSING;
            }
            boolean yearOnlyA = a.birth8.isEmpty() || a.birth8.endsWith("0101");
            boolean yearOnlyB = b.birth8.isEmpty() || b.birth8.endsWith("0101");
            if (a.birth8.isEmpty() || b.birth8.isEmpty()) {
                return a.birthYear == b.birthYear ? DATE_YEAR_ONLY : DATE_DIFFERENT;
            }
            int level = DateComparison.dates(a, b);
            if (level == DateComparison.DIFFERENT && (yearOnlyA || yearOnlyB) && a.birthYear == b.birthYear) {
                return DATE_YEAR_ONLY;
            }
            return switch (level) {
                case DateComparison.EXACT -> DATE_EXACT;
                case DateComparison.CLOSE -> DATE_CLOSE;
                default -> DATE_DIFFERENT;
            };
        }
    }

    /** Dates as YYYYMMDD: EXACT, CLOSE (one typing error, day/month swapped, one day apart) or DIFFERENT. */
    static final class DateComparison implements FieldComparison {

        static final int DIFFERENT = 0;
        static final int CLOSE = 1;
        static final int EXACT = 2;

        private final String field;

        DateComparison(String field) {
            this.field = field;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "CLOSE", "EXACT");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.birth8.isEmpty() || b.birth8.isEmpty()) {
                return MISSING;
            }
            return dates(a, b);
        }

        static int dates(PreparedRecord a, PreparedRecord b) {
            String x = a.birth8;
            String y = b.birth8;
            if (x.equals(y)) {
                return EXACT;
            }
            if (Similarity.withinOneEdit(x, y)) {
                return CLOSE;
            }
            if (x.regionMatches(0, y, 0, 4) && x.regionMatches(4, y, 6, 2) && x.regionMatches(6, y, 4, 2)) {
                return CLOSE;
            }
            long dx = a.birthEpochDay;
            long dy = b.birthEpochDay;
            if (dx != Long.MIN_VALUE && dy != Long.MIN_VALUE && Math.abs(dx - dy) == 1) {
                return CLOSE;
            }
            return DIFFERENT;
        }
    }

    static final int ID_DIFFERENT = 0;
    static final int ID_TYPO = 1;
    static final int ID_EXACT = 2;

    /**
     * Resident ID numbers after normalisation (15 → 18 digits, upper-case X; ID-03, ID-05): EXACT, also when a
     * number typed with 15 digits equals the other's legacy form (an 18-digit number typed without century and
     * check character); TYPO for one substituted, inserted, deleted or transposed character when at least one of
     * the two fails its check character or was typed with 15 digits (two 18-character numbers that both pass
     * MOD 11-2 cannot be one typing error apart, ID-03); else DIFFERENT.
     */
    static final class IdNumber implements FieldComparison {

        @Override
        public String field() {
            return "id_number";
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "TYPO", "EXACT");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.idNumber.length() < 15 || b.idNumber.length() < 15) {
                return MISSING;
            }
            if (a.idNumber.equals(b.idNumber)) {
                return ID_EXACT;
            }
            boolean legacy = a.idTypedLegacy || b.idTypedLegacy;
            if (legacy && !a.idLegacy.isEmpty() && a.idLegacy.equals(b.idLegacy)) {
                return ID_EXACT;
            }
            if ((!a.idValid || !b.idValid || legacy) && (Similarity.withinOneEdit(a.idNumber, b.idNumber)
                    || legacy && Similarity.withinOneEdit(a.idLegacy, b.idLegacy))) {
                return ID_TYPO;
            }
            return ID_DIFFERENT;
        }
    }

    /** Mobile numbers, digits only: EXACT, TYPO (one typing error), or DIFFERENT; missing under 7 digits. */
    static FieldComparison phone() {
        return TextAgreement.typo("phone", r -> r.phone, 7);
    }

    /**
     * Addresses without their province/city/county prefix: SAME when equal or one ends with the other (a partial
     * address of the same place), SIMILAR when their character bigrams overlap (Dice ≥ 0.7), else DIFFERENT.
     */
    static final class Address implements FieldComparison {

        @Override
        public String field() {
            return "address";
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "SIMILAR", "SAME");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            if (a.address.length() < 2 || b.address.length() < 2) {
                return MISSING;
            }
            String x = a.address;
            String y = b.address;
            if (x.equals(y)) {
                return 2;
            }
            String longer = x.length() >= y.length() ? x : y;
            String shorter = x.length() >= y.length() ? y : x;
            if (shorter.length() >= 4 && longer.endsWith(shorter)) {
                return 2;
            }
            return Similarity.bigramDice(x, y) >= 0.7 ? 1 : 0;
        }
    }
}
