package org.yiwang.mpi.matching;

import java.util.List;

/**
 * What is compared and how candidates are found for one kind of record: the field comparisons (in model order),
 * the blocking keys of a record, the key for name-frequency adjustment, deterministic rules and a starting model.
 */
public interface LinkageProfile {

    /** Name stored in models, e.g. {@code cn-resident}. */
    String name();

    List<FieldComparison> comparisons();

    /** Blocking keys of one record, computable alone (so the mpi module can store and index them). */
    List<BlockingKey> blockingKeys(PreparedRecord record);

    /** Key for name-frequency adjustment, or null when the profile has none. */
    default String frequencyKey(PreparedRecord record) {
        return null;
    }

    /** Index of the comparison whose agreement is frequency-adjusted, or -1. */
    default int frequencyAdjustedField() {
        return -1;
    }

    /** Lowest level of that field at which the frequency adjustment applies. */
    default int frequencyAdjustedFromLevel() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether the field's u is taken from pseudo-random record pairs (identity fields: name, birth date, ID) rather
     * than from EM on the candidate pairs (contact fields shared by a household, whose agreement among different
     * persons is concentrated in the blocked pairs and correlated there).
     */
    default boolean uFromRandomPairs(int field) {
        return true;
    }

    /** A deterministic rule that overrides the score for this pair, or null. */
    default RuleDecision rule(PreparedRecord a, PreparedRecord b, int[] levels) {
        return null;
    }

    /** Starting (and default) parameters for EM and for scoring before any fit. */
    MatchModel defaultModel();

    /**
     * The decision of a deterministic rule and why, in words for the review screen. With {@code atMost} the rule
     * only caps the decision (a pair below the review threshold stays a non-match).
     */
    record RuleDecision(Decision decision, String rule, boolean atMost) {

        public RuleDecision(Decision decision, String rule) {
            this(decision, rule, false);
        }

        /** The decision given what the thresholds said. */
        public Decision apply(Decision byThresholds) {
            if (!atMost) {
                return decision;
            }
            return byThresholds.ordinal() > decision.ordinal() ? byThresholds : decision;
        }
    }

    /** Chinese resident registrations. */
    static LinkageProfile chineseResidents() {
        return ChineseResidentProfile.INSTANCE;
    }

    /** FEBRL person files (given name, surname, address, date of birth, social-security id). */
    static LinkageProfile febrl() {
        return FebrlProfile.INSTANCE;
    }
}
