package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

/**
 * The shared record on the real schema: adding, retrying, correcting and voiding entries, keyset-paged timelines,
 * entries of merged residents, attachments and the audit of every read and write.
 */
@IntegrationTest
class HealthRecordIntegrationTests {

    static final String PURPOSE = "治疗";

    @Autowired
    HealthRecord record;

    @Autowired
    JdbcClient jdbc;

    long resident;
    long otherResident;
    long clinic;
    long hospital;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void pickFreshResidents() {
        // residents nobody else's tests write to: the highest living ids of the demo county, one pair per test
        List<Long> ids = jdbc.sql("""
                        select id from mpi.resident r where voided_at is null and merged_into_id is null
                        and not exists (select 1 from records.entry e where e.resident_id = r.id)
                        and not exists (select 1 from mpi.resident m where m.merged_into_id = r.id)
                        order by id desc limit 2""").query(Long.class).list();
        resident = ids.get(0);
        otherResident = ids.get(1);
        List<Long> orgs = jdbc.sql("select id from registry.organisation order by id limit 2").query(Long.class).list();
        clinic = orgs.get(0);
        hospital = orgs.get(1);
    }

    @Test
    void recordsAnEncounterWithResultsAndListsThemNewestFirstAcrossOrganisations() {
        long visit = record.record(Entries.encounter(resident, clinic, now.minus(Duration.ofDays(3)),
                EntryDetails.EncounterClass.OUTPATIENT), PURPOSE);
        long glucose = record.record(Entries.inEncounter(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(3)), "8.2"), visit), PURPOSE);
        long diagnosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(1)), "E11.9"), PURPOSE);

        TimelinePage page = record.timeline(resident, TimelineQuery.all(), PURPOSE);

        assertThat(page.entries()).extracting(ClinicalEntry::id).containsExactly(diagnosis, glucose, visit);
        assertThat(page.entries()).extracting(ClinicalEntry::organisationId).containsExactly(hospital, clinic, clinic);
        ClinicalEntry result = page.entries().get(1);
        assertThat(result.encounterId()).isEqualTo(visit);
        assertThat(result.interpretation()).isEqualTo(Interpretation.HIGH);
        assertThat(result.code().display()).isEqualTo("血糖");
        assertThat(page.next()).isNull();
    }

    @Test
    void entriesWrittenInOneTransactionAreEachAuditedAndTreatedOnceAndARolledBackOneLeavesNoAuditEntry() {
        long visit = record.record(Entries.encounter(resident, clinic, now.minus(Duration.ofDays(2)),
                EntryDetails.EncounterClass.OUTPATIENT), PURPOSE);
        List<NewEntry> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(Entries.inEncounter(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(2)), "6." + i), visit));
        }

        List<Long> ids = record.recordOrFindAll(results, PURPOSE).stream().map(HealthRecord.Recorded::id).toList();

        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event
                        where resident_id = :r and action = 'RECORD_ENTRY' and object_id in (:ids)""")
                .param("r", resident).param("ids", ids.stream().map(String::valueOf).toList())
                .query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("""
                        select count(*) from records.care_relationship
                        where resident_id = :r and organisation_id = :o and kind = 'TREATING'""")
                .param("r", resident).param("o", clinic).query(Long.class).single()).isOne();

        List<NewEntry> oneBad = List.of(Entries.glucose(otherResident, clinic, now, "5.5"),
                Entries.inEncounter(Entries.glucose(otherResident, clinic, now, "5.6"), visit));
        assertThatThrownBy(() -> record.recordOrFindAll(oneBad, PURPOSE)).isInstanceOf(EntryBatchException.class)
                .hasCauseInstanceOf(EntryInputException.class);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :r and action = 'RECORD_ENTRY'")
                .param("r", otherResident).query(Long.class).single()).as("rolled back with the entries").isZero();
        assertThat(jdbc.sql("select count(*) from records.entry where resident_id = :r")
                .param("r", otherResident).query(Long.class).single()).isZero();
    }

    @Test
    void pagesALongRecordByKeysetWithoutGapsOrRepeats() {
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // pairs at the same instant: the id breaks the tie
            entries.add(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(i / 2)), "5." + i % 10));
        }
        List<Long> ids = record.recordOrFindAll(entries, PURPOSE).stream().map(HealthRecord.Recorded::id).toList();

        List<Long> seen = new ArrayList<>();
        TimelineQuery query = new TimelineQuery(Set.of(EntryKind.OBSERVATION), null, null, Set.of(), null, 10);
        TimelinePage page;
        int pages = 0;
        do {
            page = record.timeline(resident, query, PURPOSE);
            page.entries().forEach(e -> seen.add(e.id()));
            query = query.next(page.next());
            pages++;
        } while (page.next() != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void filtersTheTimelineByKindOrganisationAndDate() {
        record.record(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(40)), "5.0"), PURPOSE);
        long recent = record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(2)), "5.1"), PURPOSE);
        record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);

        TimelinePage page = record.timeline(resident, new TimelineQuery(Set.of(EntryKind.OBSERVATION),
                now.minus(Duration.ofDays(30)), null, Set.of(hospital), null, 0), PURPOSE);

        assertThat(page.entries()).extracting(ClinicalEntry::id).containsExactly(recent);
    }

    @Test
    void aRetriedUploadWithTheSameSourceIdStoresNothingNew() {
        NewEntry sent = Entries.withSource(Entries.glucose(resident, clinic, now, "5.5"), "urn:his:clinic-1", "LAB-778");

        long first = record.record(sent, PURPOSE);
        long retry = record.record(sent, PURPOSE);

        assertThat(retry).isEqualTo(first);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).hasSize(1);
        NewEntry reused = Entries.withSource(Entries.glucose(otherResident, clinic, now, "5.5"), "urn:his:clinic-1", "LAB-778");
        assertThatThrownBy(() -> record.record(reused, PURPOSE)).isInstanceOf(EntryConflictException.class);
    }

    @Test
    void aCorrectionVoidsTheWrongEntryAndPointsToItsReplacement() {
        long wrong = record.record(Entries.glucose(resident, clinic, now, "55"), PURPOSE);

        long right = record.correct(wrong, Entries.glucose(resident, clinic, now, "5.5"), "小数点录错", PURPOSE);

        ClinicalEntry voided = record.find(wrong, PURPOSE).orElseThrow();
        assertThat(voided.voided()).isTrue();
        assertThat(voided.voidReason()).isEqualTo("小数点录错");
        assertThat(voided.replacedById()).isEqualTo(right);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(right);
        assertThatThrownBy(() -> record.correct(wrong, Entries.glucose(resident, clinic, now, "5.6"), "再改", PURPOSE))
                .isInstanceOf(EntryConflictException.class);
    }

    @Test
    void voidingNeedsAReasonAndKeepsTheEntryOnFile() {
        long id = record.record(Entries.diagnosis(resident, clinic, now, "J06.9"), PURPOSE);

        assertThatThrownBy(() -> record.voidEntry(id, " ", PURPOSE)).isInstanceOf(EntryInputException.class);
        record.voidEntry(id, "录入错误：不是本人", PURPOSE);

        assertThat(record.find(id, PURPOSE)).get().extracting(ClinicalEntry::voided).isEqualTo(true);
        assertThat(record.activeProblems(resident, PURPOSE)).isEmpty();
        assertThat(jdbc.sql("select count(*) from records.entry where id = :id").param("id", id).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void rejectsAnEntryForAnUnknownResidentOrOrganisationOrAnotherResidentsEncounter() {
        long othersVisit = record.record(Entries.encounter(otherResident, clinic, now,
                EntryDetails.EncounterClass.OUTPATIENT), PURPOSE);

        assertThatThrownBy(() -> record.record(Entries.glucose(Long.MAX_VALUE, Long.MAX_VALUE, now, "5.0"), PURPOSE))
                .isInstanceOfSatisfying(EntryInputException.class, e -> assertThat(e.problems())
                        .extracting(EntryProblem::messageKey)
                        .contains("records.error.resident.unknown", "records.error.organisation.unknown"));
        assertThatThrownBy(() -> record.record(Entries.inEncounter(Entries.glucose(resident, clinic, now, "5.0"),
                othersVisit), PURPOSE)).hasMessageContaining("records.error.encounter.unknown");
    }

    @Test
    void aMergedResidentsEntriesAppearUnderTheSurvivorAndGoBackOnUnmerge() {
        long survivorsOwn = record.record(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(1)), "6.0"), PURPOSE);
        long mergedOnes = record.record(Entries.diagnosis(otherResident, hospital, now, "I10"), PURPOSE);
        // what a merge does to the index (mpi's own tests cover the merge itself)
        jdbc.sql("update mpi.resident set merged_into_id = :s, voided_at = now(), void_reason = 'merged' where id = :m")
                .param("s", resident).param("m", otherResident).update();
        try {
            assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                    .containsExactly(mergedOnes, survivorsOwn);
            assertThat(record.timeline(otherResident, TimelineQuery.all(), PURPOSE).entries()).hasSize(2);
            assertThat(record.activeProblems(resident, PURPOSE)).extracting(ClinicalEntry::id).containsExactly(mergedOnes);
        } finally {
            jdbc.sql("update mpi.resident set merged_into_id = null, voided_at = null, void_reason = null where id = :m")
                    .param("m", otherResident).update();
        }
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(survivorsOwn);
    }

    @Test
    void keepsAReportsPdfByteForByteWithItsDigest() {
        byte[] pdf = Entries.pdf();
        long id = record.record(Entries.report(resident, hospital, now,
                List.of(new NewAttachment("胸部CT报告.pdf", "application/pdf", pdf))), PURPOSE);

        ClinicalEntry report = record.find(id, PURPOSE).orElseThrow();
        Attachment file = report.attachments().getFirst();
        AttachmentContent content = record.attachmentContent(file.id(), PURPOSE).orElseThrow();

        assertThat(content.content()).isEqualTo(pdf);
        assertThat(file.sizeBytes()).isEqualTo(pdf.length);
        assertThat(file.sha256Hex()).hasSize(64);
        assertThat(report.details(EntryDetails.Report.class).conclusion()).isEqualTo("胸部CT未见明显异常");
    }

    @Test
    void offersRecentResultsOfAnEquivalentTestFromAnyOrganisationBeforeOrdering() {
        long fasting = record.record(Entries.observation(resident, hospital, now.minus(Duration.ofDays(5)), "1558-6",
                "6.4", "mmol/L"), PURPOSE);
        record.record(Entries.glucose(resident, clinic, now.minus(Duration.ofDays(90)), "6.0"), PURPOSE);

        assertThat(record.recentEquivalentResults(resident, "14749-6", PURPOSE)).extracting(ClinicalEntry::id)
                .containsExactly(fasting);
    }

    @Test
    void listsActiveMedicationsAndAllergiesAcrossOrganisations() {
        var rx = new NewEntry(resident, EntryKind.MEDICATION_REQUEST, null, new Coding(Coding.LOCAL, "metformin",
                "盐酸二甲双胍片"), null, "active", now.minus(Duration.ofDays(2)), null, null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("0.5", "g"), "口服", "每日两次", 30, Quantity.of("60", "片")),
                clinic, null, null, null, List.of());
        var old = new NewEntry(resident, EntryKind.MEDICATION_REQUEST, null, new Coding(Coding.LOCAL, "amoxicillin",
                "阿莫西林胶囊"), null, "active", now.minus(Duration.ofDays(60)), null, null, null, null, null,
                new EntryDetails.MedicationRequest(Quantity.of("0.5", "g"), "口服", "每日三次", 7, null),
                hospital, null, null, null, List.of());
        var allergy = new NewEntry(resident, EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, "penicillin", "青霉素"),
                null, "active", now.minus(Duration.ofDays(400)), null, null, null, null, null,
                new EntryDetails.Allergy(EntryDetails.AllergyCategory.MEDICATION, EntryDetails.Criticality.HIGH, "过敏性休克"),
                hospital, null, null, null, List.of());
        long current = record.record(rx, PURPOSE);
        record.record(old, PURPOSE);
        long penicillin = record.record(allergy, PURPOSE);

        assertThat(record.activeMedications(resident, PURPOSE)).extracting(ClinicalEntry::id).containsExactly(current);
        assertThat(record.allergies(resident, PURPOSE)).extracting(ClinicalEntry::id).containsExactly(penicillin);
    }

    @Test
    void auditsEveryWriteAndRead() {
        long before = auditCount(resident);
        long id = record.record(Entries.glucose(resident, clinic, now, "5.0"), PURPOSE);
        record.timeline(resident, TimelineQuery.all(), PURPOSE);
        record.find(id, PURPOSE);

        assertThat(jdbc.sql("select action from platform.audit_event where resident_id = :r order by id")
                .param("r", resident).query(String.class).list().subList((int) before, (int) before + 3))
                .containsExactly("RECORD_ENTRY", "VIEW_TIMELINE", "VIEW_ENTRY");
    }

    private long auditCount(long residentId) {
        return jdbc.sql("select count(*) from platform.audit_event where resident_id = :r").param("r", residentId)
                .query(Long.class).single();
    }
}
