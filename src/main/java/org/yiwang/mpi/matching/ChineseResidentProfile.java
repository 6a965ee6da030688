package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Chinese resident registrations: name, sex, birth date, resident ID number, mobile phone and address, with
 * deterministic ID rules and name-frequency adjustment.
 */
final class ChineseResidentProfile implements LinkageProfile {

    static final ChineseResidentProfile INSTANCE = new ChineseResidentProfile();

    static final int NAME = 0;
    static final int SEX = 1;
    static final int BIRTH_DATE = 2;
    static final int ID_NUMBER = 3;
    static final int PHONE = 4;
    static final int ADDRESS = 5;

    private static final List<FieldComparison> COMPARISONS = List.of(new ChineseResidentComparisons.Name(),
            new ChineseResidentComparisons.Sex(), new ChineseResidentComparisons.BirthDate(),
            new ChineseResidentComparisons.IdNumber(), new ChineseResidentComparisons.Phone(),
            new ChineseResidentComparisons.Address());

    /** Caps the decision at review: see {@link #rule}. */
    static final RuleDecision UNCORROBORATED = new RuleDecision(Decision.REVIEW,
            "name and birth date without an agreeing ID number, phone or address: at most review", true);

    private ChineseResidentProfile() {
    }

    @Override
    public String name() {
        return "cn-resident";
    }

    @Override
    public List<FieldComparison> comparisons() {
        return COMPARISONS;
    }

    /**
     * Passes: the whole ID number; three overlapping parts of it (address + sequence, birth + sequence, address +
     * birth: one typing error leaves at least one intact); the phone; fuzzy name pinyin + birth year; fuzzy
     * surname + full birth date; fuzzy given name + birth month and day; fuzzy name + the birth date written in
     * the ID number. Birth dates come from the record or else from its ID number.
     */
    @Override
    public List<BlockingKey> blockingKeys(PreparedRecord r) {
        List<BlockingKey> keys = new ArrayList<>(10);
        String id = r.idNumber;
        if (id.length() >= 15) {
            keys.add(new BlockingKey("id", id, true));
        }
        if (id.length() == 18) {
            keys.add(new BlockingKey("id-as", id.substring(0, 6) + id.substring(14), true));
            keys.add(new BlockingKey("id-bs", id.substring(6), true));
            keys.add(new BlockingKey("id-ab", id.substring(0, 14), true));
        }
        if (!r.idLegacy.isEmpty()) {
            keys.add(new BlockingKey("id-legacy", r.idLegacy, true));
        }
        if (r.phone.length() >= 7) {
            keys.add(new BlockingKey("phone", r.phone, true));
        }
        String birth = r.birth8.isEmpty() ? idBirth(id) : r.birth8;
        if (!r.fuzzyName.isEmpty()) {
            if (birth.length() == 8) {
                keys.add(new BlockingKey("name-year", r.fuzzyName + "|" + birth.substring(0, 4), false));
            } else if (r.birthYear > 0) {
                keys.add(new BlockingKey("name-year", r.fuzzyName + "|" + r.birthYear, false));
            }
            String idBirth = idBirth(id);
            if (idBirth.length() == 8 && !idBirth.equals(birth)) {
                keys.add(new BlockingKey("name-idbirth", r.fuzzyName + "|" + idBirth, false));
            }
        }
        if (!r.fuzzySurname.isEmpty() && birth.length() == 8) {
            keys.add(new BlockingKey("surname-birth", r.fuzzySurname + "|" + birth, false));
        }
        if (!r.fuzzyGiven.isEmpty() && birth.length() == 8) {
            keys.add(new BlockingKey("given-monthday", r.fuzzyGiven + "|" + birth.substring(4), false));
        }
        return keys;
    }

    private static String idBirth(String id) {
        if (id.length() == 18) {
            String birth = id.substring(6, 14);
            for (int i = 0; i < 8; i++) {
                if (!Character.isDigit(birth.charAt(i))) {
                    return "";
                }
            }
            return birth;
        }
        return "";
    }

    /** Name, birth date and ID number: u from random pairs; sex, phone and address: u from the candidates. */
    @Override
    public boolean uFromRandomPairs(int field) {
        return field == NAME || field == BIRTH_DATE || field == ID_NUMBER;
    }

    @Override
    public String frequencyKey(PreparedRecord record) {
        return record.namePinyin;
    }

    @Override
    public int frequencyAdjustedField() {
        return NAME;
    }

    @Override
    public int frequencyAdjustedFromLevel() {
        return ChineseResidentComparisons.NAME_SAME_PINYIN;
    }

    /**
     * The ID rules: an equal resident ID number that passes its check character (ID-01, ID-03, ID-05) with an
     * agreeing name (at least NEAR) and a birth date that does not contradict links deterministically; an equal ID
     * number with a conflicting name (PARTIAL or DIFFERENT) or birth date (DIFFERENT) goes to review and never
     * links automatically — a parent's number used for a child, or a typing error. Without an equal ID number,
     * a pair is linked automatically only when the name (same pinyin or better) and the full birth date agree
     * exactly, or an ID number with one typing error, a phone (exact or one typing error) or an address
     * corroborates them: people with a common name born a few days apart, or with one side's date only a year, are
     * otherwise told apart by nothing a clerk can check, so they go to review (at most; a low score stays a
     * non-match).
     */
    @Override
    public RuleDecision rule(PreparedRecord a, PreparedRecord b, int[] levels) {
        if (levels[ID_NUMBER] != ChineseResidentComparisons.ID_EXACT) {
            boolean corroborated = levels[ID_NUMBER] == ChineseResidentComparisons.ID_TYPO
                    || levels[PHONE] >= 1 || levels[ADDRESS] == 2
                    || levels[NAME] >= ChineseResidentComparisons.NAME_SAME_PINYIN
                    && levels[BIRTH_DATE] == ChineseResidentComparisons.DATE_EXACT;
            return corroborated ? null : UNCORROBORATED;
        }
        int name = levels[NAME];
        int birth = levels[BIRTH_DATE];
        boolean nameConflicts = name != FieldComparison.MISSING && name <= ChineseResidentComparisons.NAME_PARTIAL;
        boolean birthConflicts = birth == ChineseResidentComparisons.DATE_DIFFERENT;
        if (nameConflicts || birthConflicts) {
            return new RuleDecision(Decision.REVIEW, nameConflicts
                    ? "equal ID number, conflicting name: review, never auto-link"
                    : "equal ID number, conflicting birth date: review, never auto-link");
        }
        if (a.idValid && b.idValid && a.idNumber.equals(b.idNumber) && name >= ChineseResidentComparisons.NAME_NEAR) {
            return new RuleDecision(Decision.LINK, "equal valid ID number and agreeing name");
        }
        return null;
    }

    @Override
    public MatchModel defaultModel() {
        return new MatchModel(name(), 0.3, List.of(
                parameters(0, new double[] {0.02, 0.03, 0.05, 0.10, 0.80}, new double[] {0.85, 0.08, 0.03, 0.02, 0.02}),
                parameters(1, new double[] {0.02, 0.98}, new double[] {0.5, 0.5}),
                parameters(2, new double[] {0.03, 0.02, 0.05, 0.90}, new double[] {0.90, 0.02, 0.05, 0.03}),
                parameters(3, new double[] {0.05, 0.10, 0.85}, new double[] {0.99, 0.005, 0.005}),
                parameters(4, new double[] {0.30, 0.05, 0.65}, new double[] {0.90, 0.01, 0.09}),
                parameters(5, new double[] {0.20, 0.10, 0.70}, new double[] {0.70, 0.10, 0.20})));
    }

    private static MatchModel.FieldParameters parameters(int field, double[] m, double[] u) {
        FieldComparison comparison = COMPARISONS.get(field);
        return new MatchModel.FieldParameters(comparison.field(), comparison.levels(), m, u);
    }
}
