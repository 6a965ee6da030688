package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

/** The demo county's health records (issue 4 point 7): alive, consistent and as real entries would be. */
@IntegrationTest
class RecordsDemoDataIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthRecord record;

    @Test
    void chronicPatientsHaveYearsOfBloodPressureAndGlucoseReadings() {
        long patients = jdbc.sql("""
                select count(*) from (select resident_id from records.entry where code = '85354-9'
                group by resident_id having count(*) >= 12
                and max(effective_at) - min(effective_at) > interval '3 years') p""").query(Long.class).single();
        long diabetics = jdbc.sql("select count(distinct resident_id) from records.entry where code = 'E11.9'")
                .query(Long.class).single();

        assertThat(patients).isGreaterThan(100);
        assertThat(diabetics).isGreaterThan(50);
    }

    @Test
    void aShowcaseResidentHasTheWholeStoryAcrossThreeLevelsOfCare() {
        long resident = jdbc.sql("""
                select resident_id from records.entry where kind = 'DOCUMENT'
                and resident_id in (select resident_id from records.entry where code = 'E11.9')
                and resident_id in (select resident_id from records.entry where code = 'I10')
                order by resident_id limit 1""").query(Long.class).single();

        TimelinePage page = record.timeline(resident, new TimelineQuery(Set.of(), null, null, Set.of(), null, 200), "演示");
        List<ClinicalEntry> bp = record.series(resident, List.of("85354-9"), Instant.now().minus(3650, ChronoUnit.DAYS), 200, "演示");

        assertThat(page.entries().stream().map(ClinicalEntry::organisationId).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(bp).hasSizeGreaterThanOrEqualTo(8);
        assertThat(bp.getFirst().details(EntryDetails.Observation.class).components()).hasSize(2)
                .allSatisfy(c -> assertThat(c.interpretation()).isNotNull());
        assertThat(record.activeProblems(resident, "演示")).extracting(e -> e.code().code()).contains("I10", "E11.9");
        assertThat(record.activeMedications(resident, "演示")).isNotEmpty();
        assertThat(page.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EntryKind.DIAGNOSTIC_REPORT);
            assertThat(e.attachments()).isNotEmpty();
        });
    }

    @Test
    void everyItemPointsToAnEncounterOfTheSameResidentAndNothingLiesInTheFuture() {
        long mismatched = jdbc.sql("""
                select count(*) from records.entry e join records.entry enc on enc.id = e.encounter_id
                where enc.resident_id <> e.resident_id or enc.kind <> 'ENCOUNTER'""").query(Long.class).single();
        long future = jdbc.sql("select count(*) from records.entry where effective_at > now() + interval '5 minutes'")
                .query(Long.class).single();

        assertThat(mismatched).isZero();
        assertThat(future).isZero();
    }

    @Test
    void childrenAreVaccinatedByTheNationalScheduleAndSomeResultsAreCritical() {
        long vaccinated = jdbc.sql("select count(distinct resident_id) from records.entry where kind = 'IMMUNIZATION'")
                .query(Long.class).single();
        long critical = jdbc.sql("select count(*) from records.entry where interpretation in ('LL', 'HH')")
                .query(Long.class).single();
        long sensitive = jdbc.sql("select count(*) from records.entry where sensitivity = 'MENTAL_HEALTH'")
                .query(Long.class).single();

        assertThat(vaccinated).isGreaterThan(100);
        assertThat(critical).isPositive();
        assertThat(sensitive).isPositive();
    }
}
