package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.IntegrationTest;

/** The registration's candidate lookup in the database: which earlier registrations it offers, and why. */
@IntegrationTest
class CandidateLookupIntegrationTests {

    @Autowired
    ResidentQueries queries;

    @Autowired
    ResidentStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void offersTheSamePinyinWithABirthDateOneDayMonthOrYearOffButNotTwoDaysOff() {
        record Village(String division, long organisation) {
        }
        Village village = jdbc.sql("""
                        select division_code, id from registry.organisation where type = 'VILLAGE_CLINIC'
                        order by code limit 1""")
                .query((rs, n) -> new Village(rs.getString(1), rs.getLong(2))).single();
        LocalDate born = LocalDate.of(1980, 5, 17);
        NewResident first = new NewResident(village.division() + "77001", "韩梅", Sex.FEMALE, born, "01", null, null,
                village.division(), "青石镇柳溪村 7 组", null, village.organisation());
        transactions.executeWithoutResult(s -> store.insertAll(List.of(first), "test:candidates"));
        long firstId = jdbc.sql("select id from mpi.resident where health_record_number = cast(:n as bpchar)")
                .param("n", first.healthRecordNumber()).query(Long.class).single();
        String homophone = ResidentValidator.pinyin("韩玫")[1];

        for (LocalDate typed : List.of(born.plusDays(1), born.minusMonths(1), born.plusYears(1))) {
            assertThat(lookup(homophone, typed)).as("typed %s", typed)
                    .containsEntry(firstId, Set.of(DuplicateCandidate.Reason.SAME_PINYIN_NEAR_BIRTH_DATE));
        }
        assertThat(lookup(homophone, born)).containsEntry(firstId,
                Set.of(DuplicateCandidate.Reason.SAME_PINYIN_AND_BIRTH_DATE));
        assertThat(lookup(homophone, born.plusDays(2))).doesNotContainKey(firstId);
    }

    private Map<Long, Set<DuplicateCandidate.Reason>> lookup(String pinyinKey, LocalDate birthDate) {
        return queries.candidates(new ResidentQueries.CandidateProbe(List.of(), List.of(), pinyinKey, birthDate,
                Sex.FEMALE, -1L), 0.45);
    }
}
