package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which diagnoses a resident cannot hide because the 传染病防治法 requires sharing them (RecordConsent). */
class UnhideableCodesTests {

    final UnhideableCodes codes = new UnhideableCodes(List.of("A00", "A15", "a06.0", " B05 "));

    @Test
    void coversEveryCodeUnderAListedCategoryInAnyWriting() {
        assertThat(codes.covers("A00")).isTrue();
        assertThat(codes.covers("A00.9")).isTrue();
        assertThat(codes.covers("a150")).isTrue();
        assertThat(codes.covers("A15.3")).isTrue();
        assertThat(codes.covers("B05")).isTrue();
    }

    @Test
    void aSubcategoryPrefixCoversOnlyThatSubcategory() {
        assertThat(codes.covers("A06.0")).isTrue();
        assertThat(codes.covers("A06.1")).isFalse();
    }

    @Test
    void leavesOtherCodesToTheResident() {
        assertThat(codes.covers("B20")).isFalse();
        assertThat(codes.covers("I10")).isFalse();
        assertThat(codes.covers("A01")).isFalse();
        assertThat(codes.covers("")).isFalse();
        assertThat(codes.covers(null)).isFalse();
    }

    @Test
    void theConfiguredDefaultHoldsClassADiseasesAndTuberculosisButNotHivHepatitisOrSyphilis() throws Exception {
        var component = RecordAccessProperties.class.getRecordComponents()[3];
        assertThat(component.getName()).isEqualTo("unhideableCodes");
        String[] defaults = component.getAccessor().getDeclaringClass().getDeclaredConstructors()[0]
                .getParameters()[3].getAnnotation(org.springframework.boot.context.properties.bind.DefaultValue.class)
                .value();
        UnhideableCodes fromDefaults = new UnhideableCodes(List.of(defaults));

        assertThat(List.of("A00.9", "A20.0", "A15.0", "A16", "B05", "A37", "A39", "U04")).allMatch(fromDefaults::covers);
        assertThat(List.of("B20", "B24", "B18.1", "A51", "A54", "F20.0", "I10")).noneMatch(fromDefaults::covers);
    }
}
