package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * FEBRL person files: given name and surname (Jaro-Winkler, aware of the two being swapped), street number,
 * address lines, suburb, postcode, state, date of birth and the social-security id (held in
 * {@link PersonRecord#idNumber()}); the rest in {@link PersonRecord#extra()}.
 */
final class FebrlProfile implements LinkageProfile {

    static final FebrlProfile INSTANCE = new FebrlProfile();

    static final String GIVEN_NAME = "given_name";
    static final String SURNAME = "surname";
    static final String STREET_NUMBER = "street_number";
    static final String ADDRESS_1 = "address_1";
    static final String ADDRESS_2 = "address_2";
    static final String SUBURB = "suburb";
    static final String POSTCODE = "postcode";
    static final String STATE = "state";

    private static final List<FieldComparison> COMPARISONS = List.of(new PersonName(GIVEN_NAME, SURNAME),
            new PersonName(SURNAME, GIVEN_NAME), code(STREET_NUMBER), text(ADDRESS_1), text(ADDRESS_2),
            text(SUBURB), code(POSTCODE), TextAgreement.exact(STATE, r -> r.extra(STATE)),
            new ChineseResidentComparisons.DateComparison("date_of_birth"),
            TextAgreement.typo("soc_sec_id", r -> r.idNumber, 1));

    private FebrlProfile() {
    }

    @Override
    public String name() {
        return "febrl";
    }

    @Override
    public List<FieldComparison> comparisons() {
        return COMPARISONS;
    }

    /**
     * Passes: the id and each of its one-digit deletions (so any single substituted digit still meets); date of
     * birth; postcode; Soundex of both names in either order; the first letters of surname + birth year; surname +
     * street number; surname + first letter of the given name; street number + Soundex of the street; suburb +
     * Soundex of the surname.
     */
    @Override
    public List<BlockingKey> blockingKeys(PreparedRecord r) {
        List<BlockingKey> keys = new ArrayList<>(16);
        String id = r.idNumber;
        if (!id.isEmpty()) {
            keys.add(new BlockingKey("ssn", id, true));
            for (int i = 0; i < id.length(); i++) {
                keys.add(new BlockingKey("ssn-del" + i, id.substring(0, i) + id.substring(i + 1), true));
            }
        }
        if (!r.birth8.isEmpty()) {
            keys.add(new BlockingKey("dob", r.birth8, false));
        }
        String postcode = r.extra(POSTCODE);
        if (!postcode.isEmpty()) {
            keys.add(new BlockingKey("postcode", postcode, false));
        }
        String given = Similarity.soundex(r.extra(GIVEN_NAME));
        String surname = Similarity.soundex(r.extra(SURNAME));
        if (!given.isEmpty() && !surname.isEmpty()) {
            keys.add(new BlockingKey("names", given.compareTo(surname) < 0 ? given + surname : surname + given, false));
        }
        String surnameText = r.extra(SURNAME).replace(" ", "");
        if (surnameText.length() >= 2 && r.birthYear > 0) {
            keys.add(new BlockingKey("surname-year", surnameText.substring(0, 2) + r.birthYear, false));
        }
        if (!surnameText.isEmpty() && !r.extra(STREET_NUMBER).isEmpty()) {
            keys.add(new BlockingKey("surname-number", surnameText + "|" + r.extra(STREET_NUMBER), false));
        }
        String givenText = r.extra(GIVEN_NAME);
        if (!surnameText.isEmpty() && !givenText.isEmpty()) {
            keys.add(new BlockingKey("surname-initial", surnameText + "|" + givenText.charAt(0), false));
        }
        String street = Similarity.soundex(r.extra(ADDRESS_1));
        if (!street.isEmpty() && !r.extra(STREET_NUMBER).isEmpty()) {
            keys.add(new BlockingKey("street", r.extra(STREET_NUMBER) + street, false));
        }
        if (!r.extra(SUBURB).isEmpty() && !surname.isEmpty()) {
            keys.add(new BlockingKey("suburb-surname", r.extra(SUBURB) + surname, false));
        }
        return keys;
    }

    @Override
    public MatchModel defaultModel() {
        List<MatchModel.FieldParameters> fields = new ArrayList<>();
        for (FieldComparison comparison : COMPARISONS) {
            int levels = comparison.levels().size();
            double[] m = new double[levels];
            double[] u = new double[levels];
            for (int l = 0; l < levels; l++) {
                m[l] = l == levels - 1 ? 0.85 : 0.15 / (levels - 1);
                u[l] = l == 0 ? 0.85 : 0.15 / (levels - 1);
            }
            fields.add(new MatchModel.FieldParameters(comparison.field(), comparison.levels(), m, u));
        }
        return new MatchModel(name(), 0.1, fields);
    }

    /**
     * A name field: EXACT, CLOSE (Jaro-Winkler ≥ 0.94 or one typing error), SIMILAR (≥ 0.85), DIFFERENT. When the
     * two records have given name and surname swapped, each is compared with the other's swapped field.
     */
    static final class PersonName implements FieldComparison {

        private final String field;
        private final String other;

        PersonName(String field, String other) {
            this.field = field;
            this.other = other;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public List<String> levels() {
            return List.of("DIFFERENT", "SIMILAR", "CLOSE", "EXACT");
        }

        @Override
        public int compare(PreparedRecord a, PreparedRecord b) {
            String x = a.extra(field);
            String y = b.extra(field);
            if (swapped(a, b)) {
                y = b.extra(other);
            }
            if (x.isEmpty() || y.isEmpty()) {
                return MISSING;
            }
            return grade(x, y);
        }

        private boolean swapped(PreparedRecord a, PreparedRecord b) {
            String ag = a.extra(GIVEN_NAME);
            String as = a.extra(SURNAME);
            String bg = b.extra(GIVEN_NAME);
            String bs = b.extra(SURNAME);
            if (ag.isEmpty() || as.isEmpty() || bg.isEmpty() || bs.isEmpty()) {
                return false;
            }
            int straight = grade(ag, bg) + grade(as, bs);
            int crossed = grade(ag, bs) + grade(as, bg);
            return crossed > straight && crossed >= 5;
        }

        static int grade(String x, String y) {
            if (x.equals(y)) {
                return 3;
            }
            double jw = Similarity.jaroWinkler(x, y);
            if (jw >= 0.94 || Similarity.withinOneEdit(x, y)) {
                return 2;
            }
            return jw >= 0.85 ? 1 : 0;
        }
    }

    /** Free text: EXACT (ignoring spaces), SIMILAR (Jaro-Winkler ≥ 0.88 or one typing error), DIFFERENT. */
    private static FieldComparison text(String field) {
        return TextAgreement.similar(field, r -> r.extra(field).replace(" ", ""), 0.88);
    }

    /** A short code (numbers): EXACT, TYPO (one typing error), DIFFERENT. */
    private static FieldComparison code(String field) {
        return TextAgreement.typo(field, r -> r.extra(field), 1);
    }
}
