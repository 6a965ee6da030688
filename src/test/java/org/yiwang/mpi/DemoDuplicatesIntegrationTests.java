package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.DemoDuplicatePlan.Kind;

/** The demo county on first start holds duplicate registrations that the registration's candidate lookup finds. */
@IntegrationTest
class DemoDuplicatesIntegrationTests {

    @Autowired
    MpiDemoData demoData;

    @Autowired
    ResidentQueries queries;

    @Autowired
    JdbcClient jdbc;

    record Row(long id, String pinyinKey, LocalDate birthDate, int sex, byte[] documentIndex, byte[] phoneIndex) {
    }

    private Row row(String healthRecordNumber) {
        return jdbc.sql("""
                        select id, pinyin_key, birth_date, sex, id_number_index, phone_index from mpi.resident
                        where health_record_number = cast(:n as bpchar)""")
                .param("n", healthRecordNumber)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4),
                        rs.getBytes(5), rs.getBytes(6)))
                .single();
    }

    @Test
    void findsTheFirstRegistrationWhenTheSecondIsLookedUpForEveryKindTheDatabaseCanSee() {
        DemoDuplicatePlan plan = demoData.duplicates(demoData.plan());
        assertThat(plan.pairs()).hasSize(48);
        Map<Kind, Integer> found = new EnumMap<>(Kind.class);
        for (DemoDuplicatePlan.Pair pair : plan.pairs()) {
            Row first = row(pair.firstHealthRecordNumber());
            Row second = row(pair.secondHealthRecordNumber());
            List<byte[]> documents = second.documentIndex() == null ? List.of() : List.of(second.documentIndex());
            List<byte[]> phones = second.phoneIndex() == null ? List.of() : List.of(second.phoneIndex());
            var candidates = queries.candidates(new ResidentQueries.CandidateProbe(documents, phones,
                    second.pinyinKey(), second.birthDate(), Sex.fromCode(second.sex()), second.id()), 0.45);
            if (candidates.containsKey(first.id())) {
                found.merge(pair.kind(), 1, Integer::sum);
            }
        }
        // same pinyin and birth date (or swapped), same phone, same ID after upgrading the legacy number
        for (Kind kind : Set.of(Kind.HOMOPHONE, Kind.TRADITIONAL, Kind.NAME_WITH_SPACE, Kind.PINYIN_ONLY,
                Kind.MISSING_ID, Kind.ID_TYPO, Kind.LEGACY_ID, Kind.DAY_MONTH_SWAPPED, Kind.CHANGED_PHONE, Kind.TWINS)) {
            assertThat(found.getOrDefault(kind, 0)).as("%s pairs found", kind).isEqualTo(DemoDuplicatePlan.PAIRS_PER_KIND);
        }
    }

    @Test
    void storesTheLegacyNumberAsTypedBesideTheUpgradedOne() {
        DemoDuplicatePlan plan = demoData.duplicates(demoData.plan());
        List<String> legacy = new ArrayList<>();
        plan.pairs().stream().filter(p -> p.kind() == Kind.LEGACY_ID)
                .forEach(p -> legacy.addAll(List.of(p.firstHealthRecordNumber(), p.secondHealthRecordNumber())));
        // the batch deduplication merges each pair (equal valid ID, agreeing name): the document, typed number
        // included, moves to the survivor and stays its primary one
        assertThat(jdbc.sql("""
                        select count(*) from mpi.identity_document d join mpi.resident r on r.id = d.resident_id
                        where r.health_record_number in (:numbers) and d.original_ciphertext is not null and d.is_primary
                          and d.voided_at is null""")
                .param("numbers", legacy).query(Long.class).single()).isEqualTo(legacy.size() / 2);
        assertThat(jdbc.sql("select count(*) from mpi.resident where created_by = 'system:demo' and pinyin_key is null")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from mpi.resident r where created_by = 'system:demo'
                          and not exists (select 1 from mpi.resident_version v where v.resident_id = r.id)""")
                .query(Long.class).single()).isZero();
    }
}
