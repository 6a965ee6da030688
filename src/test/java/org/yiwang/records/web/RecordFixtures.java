package org.yiwang.records.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.NewAttachment;
import org.yiwang.records.NewEntry;
import org.yiwang.records.Quantity;

/** Entries of every kind for the view's tests, and the demo county's residents and organisations to hang them on. */
final class RecordFixtures {

    record Organisation(long id, String nameZh) {
    }

    record Author(long id, String name, long organisationId) {
    }

    private RecordFixtures() {
    }

    /** A living resident of the demo county with nothing in the record yet (the highest such id). */
    static long freshResident(JdbcClient jdbc) {
        return jdbc.sql("""
                        select id from mpi.resident r where voided_at is null and merged_into_id is null
                        and not exists (select 1 from records.entry e where e.resident_id = r.id)
                        and not exists (select 1 from mpi.resident m where m.merged_into_id = r.id)
                        order by id desc limit 1""").query(Long.class).single();
    }

    /** Two organisations of different kinds: the county hospital and a township health centre. */
    static List<Organisation> twoOrganisations(JdbcClient jdbc) {
        return jdbc.sql("""
                        (select id, name_zh from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1)
                        union all
                        (select id, name_zh from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by id limit 1)""")
                .query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2))).list();
    }

    static Author authorAt(JdbcClient jdbc, long organisationId) {
        return jdbc.sql("select id, name, organisation_id from registry.practitioner where organisation_id = :o order by id limit 1")
                .param("o", organisationId)
                .query((rs, n) -> new Author(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
    }

    static NewEntry observation(long resident, long org, Long author, Instant at, String loinc, String value, String unit) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, loinc, ""), null, "final",
                at, null, new Quantity(new BigDecimal(value), unit), null, null, null,
                new EntryDetails.Observation(List.of(), "血清", null), org, author, null, null, List.of());
    }

    static NewEntry bloodPressure(long resident, long org, Instant at, String systolic, String diastolic) {
        return new NewEntry(resident, EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "85354-9", ""), null,
                "final", at, null, null, null, null, null, new EntryDetails.Observation(List.of(
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"),
                                Quantity.of(systolic, "mm[Hg]"), null, null),
                        new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"),
                                Quantity.of(diastolic, "mm[Hg]"), null, null)), null, "电子血压计"),
                org, null, null, null, List.of());
    }

    static NewEntry encounter(long resident, long org, Long author, Instant at, EntryDetails.EncounterClass type,
                              String reason) {
        return new NewEntry(resident, EntryKind.ENCOUNTER, null, new Coding(Coding.LOCAL, type.name(), "门诊"), null,
                "finished", at, null, null, null, null, null, new EntryDetails.Encounter(type, "全科", reason, null),
                org, author, null, null, List.of());
    }

    static NewEntry diagnosis(long resident, long org, Instant at, String icd) {
        return new NewEntry(resident, EntryKind.CONDITION, null, new Coding(Coding.ICD10, icd, ""), null, "active", at,
                null, null, null, null, null, new EntryDetails.Condition(EntryDetails.DiagnosisRole.CHRONIC, null, null),
                org, null, null, null, List.of());
    }

    static NewEntry prescription(long resident, long org, Instant at, String drug, String dose, String unit,
                                 String route, String frequency) {
        return new NewEntry(resident, EntryKind.MEDICATION_REQUEST, null, new Coding(Coding.LOCAL, drug, drug), null,
                "active", at, null, null, null, null, null, new EntryDetails.MedicationRequest(Quantity.of(dose, unit),
                route, frequency, 90, Quantity.of("180", "片")), org, null, null, null, List.of());
    }

    static NewEntry allergy(long resident, long org, Instant at, String substance, String reaction) {
        return new NewEntry(resident, EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, "allergen-" + substance.hashCode(),
                substance), null, "active", at, null, null, null, null, null,
                new EntryDetails.Allergy(EntryDetails.AllergyCategory.MEDICATION, EntryDetails.Criticality.HIGH, reaction),
                org, null, null, null, List.of());
    }

    static NewEntry report(long resident, long org, Instant at, List<Long> results, List<NewAttachment> files) {
        return new NewEntry(resident, EntryKind.DIAGNOSTIC_REPORT, null, new Coding(Coding.LOINC, "24323-8", "生化全套"),
                "LAB", "final", at, null, null, null, null, null,
                new EntryDetails.Report("血糖、糖化血红蛋白升高", "符合2型糖尿病控制不佳", results, "李检验"), org, null, null,
                null, files);
    }

    static NewEntry dischargeSummary(long resident, long org, Instant at) {
        return new NewEntry(resident, EntryKind.DOCUMENT, null, new Coding(Coding.LOINC, "18842-5", "出院小结"), null,
                "current", at, null, null, null, null, null, new EntryDetails.Document("出院小结", List.of(
                        new EntryDetails.Section("入院情况", "头晕三天，血压 178/102 mmHg。"),
                        new EntryDetails.Section("出院医嘱", "低盐饮食，氨氯地平 5 mg 每日一次，两周后社区随访。"))),
                org, null, null, null, List.of());
    }

    static NewEntry inEncounter(NewEntry e, long encounterId) {
        return new NewEntry(e.residentId(), e.kind(), encounterId, e.code(), e.category(), e.status(),
                e.effectiveAt(), e.endedAt(), e.value(), e.valueText(), e.range(), e.interpretation(), e.details(),
                e.organisationId(), e.authorPractitionerId(), e.sourceSystem(), e.sourceId(), e.attachments());
    }

    /** A small valid PDF, with a byte above 0x7F so that a text decoding on the way would show. */
    static byte[] pdf() {
        byte[] text = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        return text;
    }
}
