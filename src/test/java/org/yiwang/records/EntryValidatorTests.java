package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryValidatorTests {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    final EntryValidator validator = new EntryValidator(IcdCodes.fromClasspath(), ObservationCatalogue.fromClasspath(),
            Duration.ofMinutes(5), 1024, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void namesAKnownTestAndFlagsAHighResultAgainstTheCatalogueRange() {
        var checked = validator.check(Entries.glucose(1, 2, NOW.minusSeconds(60), "7.8"));

        assertThat(checked.entry().code().display()).isEqualTo("血糖");
        assertThat(checked.entry().category()).isEqualTo("laboratory");
        assertThat(checked.entry().range()).isEqualTo(new ReferenceRange(new BigDecimal("3.9"), new BigDecimal("6.1")));
        assertThat(checked.entry().interpretation()).isEqualTo(Interpretation.HIGH);
    }

    @Test
    void flagsACriticalValueBeyondTheCriticalLimits() {
        assertThat(validator.check(Entries.glucose(1, 2, NOW, "2.1")).entry().interpretation())
                .isEqualTo(Interpretation.CRITICAL_LOW);
        assertThat(validator.check(Entries.observation(1, 2, NOW, "2823-3", "6.8", "mmol/L")).entry().interpretation())
                .isEqualTo(Interpretation.CRITICAL_HIGH);
    }

    @Test
    void theSendersReferenceRangeWinsOverTheCatalogue() {
        NewEntry e = Entries.glucose(1, 2, NOW, "6.5");
        NewEntry withRange = new NewEntry(e.residentId(), e.kind(), null, e.code(), null, e.status(), e.effectiveAt(),
                null, e.value(), null, new ReferenceRange(new BigDecimal("3.9"), new BigDecimal("7.0")), null,
                e.details(), e.organisationId(), null, null, null, List.of());

        assertThat(validator.check(withRange).entry().interpretation()).isEqualTo(Interpretation.NORMAL);
    }

    @Test
    void flagsEachPartOfABloodPressurePanelAgainstItsOwnRangeAndTheReadingByTheWorst() {
        NewEntry bp = new NewEntry(1, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "85354-9", ""), null,
                "final", NOW, null, null, null, null, null, new EntryDetails.Observation(List.of(
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", ""), Quantity.of("165", "mm[Hg]"),
                                null, null),
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", ""), Quantity.of("112", "mm[Hg]"),
                                null, null)), null, null), 2, null, null, null, List.of());

        var checked = validator.check(bp).entry();
        var parts = ((EntryDetails.Observation) checked.details()).components();

        assertThat(parts).extracting(EntryDetails.Component::interpretation)
                .containsExactly(Interpretation.HIGH, Interpretation.CRITICAL_HIGH);
        assertThat(parts).extracting(c -> c.code().display()).containsExactly("收缩压", "舒张压");
        assertThat(parts.getFirst().range()).isEqualTo(new ReferenceRange(new BigDecimal("90"), new BigDecimal("139")));
        assertThat(checked.interpretation()).isEqualTo(Interpretation.CRITICAL_HIGH);
    }

    @Test
    void rejectsAResultInAnotherUnitThanTheTestIsReportedIn() {
        assertThatThrownBy(() -> validator.check(Entries.observation(1, 2, NOW, "14749-6", "126", "mg/dL")))
                .isInstanceOfSatisfying(EntryInputException.class, e -> assertThat(e.problems())
                        .extracting(EntryProblem::messageKey).containsExactly("records.error.unit.expected"));
    }

    @Test
    void normalisesTheDiagnosisCodeNamesItAndMarksMentalHealthSensitive() {
        var checked = validator.check(Entries.diagnosis(1, 2, NOW, "f32.9"));

        assertThat(checked.entry().code().code()).isEqualTo("F32.9");
        assertThat(checked.entry().code().display()).isNotBlank();
        assertThat(checked.sensitivity()).isEqualTo(SensitiveCategory.MENTAL_HEALTH);
    }

    @Test
    void rejectsADiagnosisThatIsNotICD10AndNamesEveryProblemAtOnce() {
        NewEntry bad = Entries.diagnosis(1, 2, NOW.plus(Duration.ofHours(2)), "not-a-code");
        NewEntry badStatus = new NewEntry(1, EntryKind.CONDITION, null, bad.code(), null, "cured", bad.effectiveAt(),
                null, null, null, null, null, bad.details(), 2, null, null, null, List.of());

        assertThatThrownBy(() -> validator.check(badStatus))
                .isInstanceOfSatisfying(EntryInputException.class, e -> assertThat(e.problems())
                        .extracting(EntryProblem::messageKey)
                        .contains("records.error.status", "records.error.effectiveAt.future",
                                "records.error.condition.code"));
    }

    @Test
    void rejectsDetailsOfAnotherKind() {
        NewEntry e = Entries.glucose(1, 2, NOW, "5.0");
        NewEntry wrong = new NewEntry(1, EntryKind.OBSERVATION, null, e.code(), null, "final", NOW, null, e.value(),
                null, null, null, new EntryDetails.Procedure("腹部", "顺利"), 2, null, null, null, List.of());

        assertThatThrownBy(() -> validator.check(wrong)).isInstanceOf(EntryInputException.class)
                .hasMessageContaining("records.error.details.kind");
    }

    @Test
    void rejectsAnAttachmentWhoseBytesAreNotTheDeclaredType() {
        NewEntry fake = Entries.report(1, 2, NOW, List.of(new NewAttachment("报告.pdf", "application/pdf",
                "MZ\u0090\u0000 not a pdf".getBytes())));

        assertThatThrownBy(() -> validator.check(fake)).isInstanceOf(EntryInputException.class)
                .hasMessageContaining("records.error.attachment.content");
    }

    @Test
    void rejectsAnAttachmentAboveTheConfiguredSize() {
        byte[] big = new byte[2048];
        System.arraycopy(Entries.pdf(), 0, big, 0, Entries.pdf().length);
        NewEntry tooBig = Entries.report(1, 2, NOW, List.of(new NewAttachment("大.pdf", "application/pdf", big)));

        assertThatThrownBy(() -> validator.check(tooBig)).isInstanceOf(EntryInputException.class)
                .hasMessageContaining("records.error.attachment.size");
    }

    @Test
    void aBloodPressurePanelTakesTheWorstFlagOfItsComponents() {
        NewEntry bp = new NewEntry(1, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "85354-9", ""), null,
                "final", NOW, null, null, null, null, null, new EntryDetails.Observation(List.of(
                new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"), Quantity.of("150", "mm[Hg]"),
                        null, Interpretation.HIGH),
                new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"), Quantity.of("85", "mm[Hg]"),
                        null, Interpretation.NORMAL)), null, null), 2, null, null, null, List.of());

        var checked = validator.check(bp);

        assertThat(checked.entry().interpretation()).isEqualTo(Interpretation.HIGH);
        assertThat(checked.entry().code().display()).isEqualTo("血压");
    }

    @Test
    void aPrescriptionEndsAfterItsDuration() {
        NewEntry rx = new NewEntry(1, EntryKind.MEDICATION_REQUEST, null, new Coding(Coding.LOCAL, "amlodipine",
                "苯磺酸氨氯地平片"), null, "active", NOW, null, null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("5", "mg"), "口服", "每日一次", 30, Quantity.of("30", "片")),
                2, null, null, null, List.of());

        assertThat(validator.check(rx).entry().endedAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void timelineCursorTokensRoundTrip() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("2019-03-04T05:06:07.123456Z"), 42);

        assertThat(TimelineCursor.parse(cursor.token())).isEqualTo(cursor);
        assertThatThrownBy(() -> TimelineCursor.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
