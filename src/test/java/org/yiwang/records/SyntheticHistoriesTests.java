package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticHistoriesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    final ObservationCatalogue catalogue = ObservationCatalogue.fromClasspath();
    final SyntheticHistories histories = new SyntheticHistories(catalogue, TODAY);
    final EntryValidator validator = new EntryValidator(IcdCodes.fromClasspath(), catalogue, Duration.ofMinutes(5),
            20 << 20, Clock.fixed(TODAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    final SyntheticHistories.Sites sites = new SyntheticHistories.Sites(11, 12, 13, List.of(101L), List.of(102L), List.of(103L));

    @Test
    void aHeavyHistoryHoldsAboutFiveHundredValidItemsWhoseResultsPointToEncountersOfTheSameHistory() {
        List<NewEntry> heavy = histories.heavyHistoryOf(new SyntheticHistories.Person(7, true,
                LocalDate.of(1958, 3, 1), false), sites, 1);

        assertThat(heavy.size()).isBetween(450, 650);
        heavy.forEach(validator::check);
        assertThat(heavy).filteredOn(e -> e.encounterId() != null).allSatisfy(e ->
                assertThat(heavy.get(SyntheticHistories.localEncounterIndex(e.encounterId())).kind())
                        .isEqualTo(EntryKind.ENCOUNTER));
    }

    @Test
    void theSameResidentAndSeedGiveTheSameHistory() {
        var person = new SyntheticHistories.Person(42, false, LocalDate.of(1950, 6, 1), false);

        assertThat(histories.historyOf(person, sites, 5)).isEqualTo(histories.historyOf(person, sites, 5));
    }

    @Test
    void aToddlerGetsTheVaccinesDueByTheNationalScheduleAndNothingInTheFuture() {
        var toddler = new SyntheticHistories.Person(9, true, TODAY.minusMonths(10), false);

        List<NewEntry> history = histories.historyOf(toddler, sites, 3);

        assertThat(history).filteredOn(e -> e.kind() == EntryKind.IMMUNIZATION)
                .extracting(e -> e.code().code()).contains("BCG", "HepB", "DTaP", "MMR").doesNotContain("DT");
        history.forEach(validator::check);
    }

    @Test
    void theReportPdfIsAWellFormedPdfFile() {
        byte[] pdf = SyntheticHistories.reportPdf("胸部CT", "右肺下叶肺炎");
        String text = new String(pdf, java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(EntryValidator.startsAsDeclared("application/pdf", pdf)).isTrue();
        assertThat(text).contains("xref", "trailer", "startxref").endsWith("%%EOF\n");
    }
}
