package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTests {

    @Test
    void jaroWinklerMatchesTheTextbookValues() {
        assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(Similarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(0.001));
        assertThat(Similarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
        assertThat(Similarity.jaroWinkler("same", "same")).isEqualTo(1);
        assertThat(Similarity.jaroWinkler("", "x")).isZero();
        assertThat(Similarity.jaroWinkler("abc", "xyz")).isZero();
    }

    @Test
    void oneEditCoversSubstitutionInsertionDeletionAndAdjacentTransposition() {
        assertThat(Similarity.withinOneEdit("13800138000", "13800138001")).isTrue();
        assertThat(Similarity.withinOneEdit("13800138000", "1380013800")).isTrue();
        assertThat(Similarity.withinOneEdit("1380013800", "13800138000")).isTrue();
        assertThat(Similarity.withinOneEdit("13800138000", "13800183000")).isTrue();
        assertThat(Similarity.withinOneEdit("13800138000", "13800183001")).isFalse();
        assertThat(Similarity.withinOneEdit("13800138000", "31800138000")).isTrue();
        assertThat(Similarity.withinOneEdit("12345", "12435")).isTrue();
        assertThat(Similarity.withinOneEdit("12345", "13245")).isTrue();
        assertThat(Similarity.withinOneEdit("12345", "21354")).isFalse();
        assertThat(Similarity.withinOneEdit("123", "12345")).isFalse();
    }

    @Test
    void bigramDiceIsOneForEqualAndZeroForDisjointStrings() {
        assertThat(Similarity.bigramDice("水井村9组", "水井村9组")).isEqualTo(1);
        assertThat(Similarity.bigramDice("abcd", "wxyz")).isZero();
        assertThat(Similarity.bigramDice("水井村9组29号", "水井村9组30号")).isBetween(0.5, 0.9);
    }

    @Test
    void soundexFollowsTheAmericanRules() {
        assertThat(Similarity.soundex("robert")).isEqualTo("R163");
        assertThat(Similarity.soundex("rupert")).isEqualTo("R163");
        assertThat(Similarity.soundex("ashcraft")).isEqualTo("A261");
        assertThat(Similarity.soundex("tymczak")).isEqualTo("T522");
        assertThat(Similarity.soundex("pfister")).isEqualTo("P236");
        assertThat(Similarity.soundex("")).isEmpty();
    }
}
