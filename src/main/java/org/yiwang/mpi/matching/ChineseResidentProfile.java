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
            new ChineseResidentComparisons.IdNumber(), ChineseResidentComparisons.phone(),
            new ChineseResidentComparisons.Address());

    /** Caps the decision at review: see {@link #rule}. */
    static final RuleDecision UNCORROBORATED = new RuleDecision(Decision.REVIEW,
            "name and birth date without an agreeing ID number, phone or address: at most review", true);

    /**
     * Two different resident ID numbers that both pass their check character (ID-03) belong to two persons: the
     * same name and birthday in one county is common (namesakes), and a twin shares everything but the number.
     */
    static final RuleDecision CONFLICTING_VALID_IDS = new RuleDecision(Decision.NON_MATCH,
            "two different valid ID numbers: different persons");

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
     * Passes: the whole ID number and its 15-digit legacy form; four parts of it, each leaving out one of county
     * code, birth year, birth month-day and sequence + check (one typing error leaves at least one intact, and no
     * part is shared by a whole county); the phone; fuzzy name pinyin + birth year; fuzzy
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
            String county = id.substring(0, 6);
            String year = id.substring(6, 10);
            String monthDay = id.substring(10, 14);
            String sequence = id.substring(14);
            keys.add(new BlockingKey("id-cym", county + year + monthDay, true));
            keys.add(new BlockingKey("id-yms", year + monthDay + sequence, true));
            keys.add(new BlockingKey("id-cms", county + monthDay + sequence, true));
            keys.add(new BlockingKey("id-cys", county + year + sequence, true));
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
        if (levels[ID_NUMBER] == ChineseResidentComparisons.ID_DIFFERENT && a.idValid && b.idValid) {
            return CONFLICTING_VALID_IDS;
        }
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

    /**
     * The model fitted without truth on shared/data/linkage/cn/residents-sample.csv (m by EM on its candidate pairs,
     * u of name, birth date and ID from random pairs, u of sex, phone and address by EM), with the match prior
     * lowered from the sample's 0.75 to 0.1 because a registration's candidates in a county are mostly other
     * persons. The mpi module should refit on its own residents and store the model ({@link MatchModel#toText()}).
     */
    @Override
    public MatchModel defaultModel() {
        return DEFAULT_MODEL;
    }

    private static final MatchModel DEFAULT_MODEL = loadDefaultModel();

    private static MatchModel loadDefaultModel() {
        try (java.io.InputStream in = ChineseResidentProfile.class.getResourceAsStream("cn-resident-model.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource cn-resident-model.txt");
            }
            return MatchModel.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .requireCompatible(COMPARISONS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
