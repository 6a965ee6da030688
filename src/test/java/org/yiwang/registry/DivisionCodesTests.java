package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GB/T 2260 division codes with the township and village segments of REC-03. */
class DivisionCodesTests {

    @Test
    void acceptsCountyTownshipAndVillageLevelCodes() {
        assertThat(DivisionCodes.problem("519921")).isEmpty();
        assertThat(DivisionCodes.problem("519921002")).isEmpty();
        assertThat(DivisionCodes.problem("519921002104")).isEmpty();
        assertThat(DivisionCodes.problem("110105")).isEmpty();
        assertThat(DivisionCodes.problem("519900")).as("prefecture-level city").isEmpty();
    }

    @Test
    void rejectsWrongLengthsAndNonDigits() {
        assertThat(DivisionCodes.problem("51992")).hasValue("registry.error.division.format");
        assertThat(DivisionCodes.problem("5199210")).hasValue("registry.error.division.format");
        assertThat(DivisionCodes.problem("5199210021")).hasValue("registry.error.division.format");
        assertThat(DivisionCodes.problem("51992A")).hasValue("registry.error.division.format");
        assertThat(DivisionCodes.problem("５１９９２１")).as("full-width digits").hasValue("registry.error.division.format");
        assertThat(DivisionCodes.problem(" ")).hasValue("registry.error.division.required");
        assertThat(DivisionCodes.problem(null)).hasValue("registry.error.division.required");
    }

    @Test
    void rejectsUnknownProvincesAndEmptySegments() {
        assertThat(DivisionCodes.problem("999921")).hasValue("registry.error.division.province");
        assertThat(DivisionCodes.problem("100000")).hasValue("registry.error.division.province");
        assertThat(DivisionCodes.problem("510021")).hasValue("registry.error.division.prefecture");
        assertThat(DivisionCodes.problem("519921000")).hasValue("registry.error.division.township");
        assertThat(DivisionCodes.problem("519921001000")).hasValue("registry.error.division.village");
    }
}
