package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which diagnoses are sensitive, derived from their ICD-10 code. */
class SensitiveCategoryTests {

    @Test
    void mentalAndBehaviouralDisordersAreMentalHealth() {
        assertThat(SensitiveCategory.of("F20.0")).contains(SensitiveCategory.MENTAL_HEALTH);
        assertThat(SensitiveCategory.of("f329")).contains(SensitiveCategory.MENTAL_HEALTH);
        assertThat(SensitiveCategory.of("F41")).contains(SensitiveCategory.MENTAL_HEALTH);
        assertThat(SensitiveCategory.of("F99")).contains(SensitiveCategory.MENTAL_HEALTH);
    }

    @Test
    void hivDiseaseInfectionTestsContactsAndCounsellingAreHiv() {
        assertThat(SensitiveCategory.of("B20")).contains(SensitiveCategory.HIV);
        assertThat(SensitiveCategory.of("B24")).contains(SensitiveCategory.HIV);
        assertThat(SensitiveCategory.of("Z21")).contains(SensitiveCategory.HIV);
        assertThat(SensitiveCategory.of("R75")).contains(SensitiveCategory.HIV);
        assertThat(SensitiveCategory.of("Z20.6")).contains(SensitiveCategory.HIV);
        assertThat(SensitiveCategory.of("Z71.7")).contains(SensitiveCategory.HIV);
    }

    @Test
    void pregnancyInfertilityAndContraceptionAreReproductive() {
        assertThat(SensitiveCategory.of("O04")).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(SensitiveCategory.of("O80.0")).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(SensitiveCategory.of("N96")).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(SensitiveCategory.of("N97")).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(SensitiveCategory.of("Z30.0")).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(SensitiveCategory.of("Z39.2")).contains(SensitiveCategory.REPRODUCTIVE);
    }

    @Test
    void neighbouringCodesAreNotSensitive() {
        assertThat(SensitiveCategory.of("B19")).isEmpty();
        assertThat(SensitiveCategory.of("B25")).isEmpty();
        assertThat(SensitiveCategory.of("B18.1")).isEmpty();
        assertThat(SensitiveCategory.of("Z20.5")).isEmpty();
        assertThat(SensitiveCategory.of("Z71.1")).isEmpty();
        assertThat(SensitiveCategory.of("Z29")).isEmpty();
        assertThat(SensitiveCategory.of("Z40")).isEmpty();
        assertThat(SensitiveCategory.of("N95.1")).isEmpty();
        assertThat(SensitiveCategory.of("G30")).isEmpty();
        assertThat(SensitiveCategory.of("I10")).isEmpty();
        assertThat(SensitiveCategory.of("E11.9")).isEmpty();
    }

    @Test
    void everyListedCodeInASensitiveRangeIsFlagged() {
        IcdCodes codes = IcdCodes.fromClasspath();
        assertThat(codes.search("F", 50)).isNotEmpty()
                .allSatisfy(c -> assertThat(SensitiveCategory.of(c.code())).contains(SensitiveCategory.MENTAL_HEALTH));
        assertThat(codes.search("O", 50)).isNotEmpty()
                .allSatisfy(c -> assertThat(SensitiveCategory.of(c.code())).contains(SensitiveCategory.REPRODUCTIVE));
    }

    @Test
    void rejectsWhatIsNotACode() {
        assertThatThrownBy(() -> SensitiveCategory.of("精神分裂症")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'精神分裂症' is not an ICD-10 code");
    }
}
