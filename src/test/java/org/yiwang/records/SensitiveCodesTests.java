package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The county's list of non-diagnosis codes that reveal a sensitive category (domain-rules §9, PIPL-01/02). */
class SensitiveCodesTests {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    final SensitiveCodes codes = SensitiveCodes.fromClasspath();
    final EntryValidator validator = new EntryValidator(IcdCodes.fromClasspath(), ObservationCatalogue.fromClasspath(),
            Duration.ofMinutes(5), 1024, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void hivTestsAntiretroviralsPsychiatricDrugsAndPregnancyTestsAreClassified() {
        assertThat(codes.of(new Coding(Coding.LOINC, "20447-9", ""))).contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.LOINC, "24467-3", ""))).contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.ATC, "J05AR03", ""))).contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.ATC, "j05ag03", ""))).as("case of an ATC code").contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.ATC, "N05AH03", ""))).contains(SensitiveCategory.MENTAL_HEALTH);
        assertThat(codes.of(new Coding(Coding.ATC, "N06AB06", ""))).contains(SensitiveCategory.MENTAL_HEALTH);
        assertThat(codes.of(new Coding(Coding.ATC, "G03AA07", ""))).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(codes.of(new Coding(Coding.LOINC, "2106-3", ""))).contains(SensitiveCategory.REPRODUCTIVE);
        assertThat(codes.of(new Coding(Coding.LOCAL, "psychiatric-discharge-summary", ""))).contains(SensitiveCategory.MENTAL_HEALTH);
    }

    @Test
    void ordinaryCodesAndTheSameCodeInAnotherSystemAreNotSensitive() {
        assertThat(codes.of(new Coding(Coding.ATC, "C08CA01", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.ATC, "N05BA01", ""))).as("anxiolytics are N05B, not N05A").isEmpty();
        assertThat(codes.of(new Coding(Coding.LOINC, "14749-6", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.LOCAL, "20447-9", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.LOINC, "20447-99", ""))).as("exact codes are not prefixes").isEmpty();
    }

    @Test
    void hepatitisBOnlyMedicinesAreNotTaggedHivButThoseForBothInfectionsAre() {
        // PIPL-01/02: an entecavir prescription does not reveal HIV; lamivudine and tenofovir disoproxil may
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF10", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF08", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF13", ""))).isEmpty();
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF05", ""))).contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF07", ""))).contains(SensitiveCategory.HIV);
        assertThat(codes.of(new Coding(Coding.ATC, "J05AF01", ""))).as("zidovudine").contains(SensitiveCategory.HIV);
    }

    @Test
    void aMalformedLineIsNamed() {
        assertThatThrownBy(() -> SensitiveCodes.parse(List.of("# header", "ATC\tsome\tN05A\tMENTAL_HEALTH")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> SensitiveCodes.parse(List.of("ATC\tprefix\tN05A\tPSYCH")))
                .hasMessageContaining("unknown category");
    }

    @Test
    void theValidatorTagsAResultAPrescriptionAndAPanelComponentAtWriteTime() {
        assertThat(validator.check(Entries.observation(1, 2, NOW, "20447-9", "4000", "{copies}/mL")).sensitivity())
                .isEqualTo(SensitiveCategory.HIV);
        assertThat(validator.check(Entries.prescription(1, 2, NOW, "N05AX08", "利培酮片")).sensitivity())
                .isEqualTo(SensitiveCategory.MENTAL_HEALTH);
        assertThat(validator.check(Entries.prescription(1, 2, NOW, "C08CA01", "苯磺酸氨氯地平片")).sensitivity()).isNull();
        NewEntry panel = new NewEntry(1, EntryKind.OBSERVATION, null, new Coding(Coding.LOCAL, "lymphocyte-subsets",
                "淋巴细胞亚群"), "laboratory", "final", NOW, null, null, null, null, null, new EntryDetails.Observation(
                List.of(new EntryDetails.Component(new Coding(Coding.LOINC, "24467-3", ""), Quantity.of("320", "/uL"),
                        null, null)), "全血", null), 2, null, null, null, List.of());
        assertThat(validator.check(panel).sensitivity()).isEqualTo(SensitiveCategory.HIV);
    }
}
