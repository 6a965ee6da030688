package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.CandidateRanking.Candidate;
import org.yiwang.mpi.CandidateRanking.Person;
import org.yiwang.mpi.DuplicateCandidate.Reason;

/** Ranking the likely existing residents by the record-linkage engine, ties broken by the database's evidence. */
class CandidateRankingTests {

    private static final LocalDate BORN = LocalDate.of(1988, 11, 5);
    private static final String ID = ResidentIdNumber.compose("519921", BORN, 123).value();

    private static Candidate candidate(long id, String name, LocalDate birthDate, String idNumber, String phone,
            Reason... reasons) {
        ResidentListItem item = new ResidentListItem(id, "5199210011010000" + id, name, null, Sex.MALE, birthDate,
                null, null, null, "519921001101", "清水县城关镇新华村 1 组 3 号", 11L);
        return new Candidate(new DuplicateCandidate(item, EnumSet.of(reasons[0], reasons), 0.0),
                new Person(name, Sex.MALE, birthDate, idNumber, phone, item.address()));
    }

    private final Person probe = new Person("张伟", Sex.MALE, BORN, ID, "13812345678", "清水县城关镇新华村 1 组 3 号");
    private final List<Candidate> candidates = List.of(
            // someone else of the same common name, born four days later, other phone, other ID
            candidate(1, "张伟", BORN.plusDays(4), ResidentIdNumber.compose("519921", BORN.plusDays(4), 457).value(),
                    "13900001111", Reason.SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX),
            // the same man registered at the county hospital with a homophone surname, same phone, no ID
            candidate(2, "章伟", BORN, null, "13812345678", Reason.SAME_PINYIN_AND_BIRTH_DATE, Reason.SAME_PHONE));

    @Test
    void theLinkageEngineRanksTheHomophoneWithTheSamePhoneFirstAndANamesakeWithAnotherValidIdAtZero() {
        // ID-03: the namesake's number passes its check character and differs, so it is another person
        List<DuplicateCandidate> ranked = new LinkageCandidateRanking().rank(probe, candidates);
        assertThat(ranked).extracting(c -> c.resident().id()).containsExactly(2L, 1L);
        assertThat(ranked.get(0).score()).isBetween(0.5, 1.0);
        assertThat(ranked.get(1).score()).isZero();
        assertThat(ranked.get(0).reasons()).containsExactlyInAnyOrder(Reason.SAME_PINYIN_AND_BIRTH_DATE, Reason.SAME_PHONE);
    }

    @Test
    void theLinkageEngineRanksANamesakeWithoutAnIdBelowTheHomophoneWithTheSamePhone() {
        List<Candidate> withoutNamesakeId = List.of(
                candidate(1, "张伟", BORN.plusDays(4), null, "13900001111", Reason.SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX),
                candidates.get(1));
        List<DuplicateCandidate> ranked = new LinkageCandidateRanking().rank(probe, withoutNamesakeId);
        assertThat(ranked).extracting(c -> c.resident().id()).containsExactly(2L, 1L);
        assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
    }

    @Test
    void theDatabasesEvidenceCombinesItsReasonsAsIndependentProbabilities() {
        assertThat(CandidateEvidence.score(candidates.get(1).found()))
                .isCloseTo(1 - (1 - 0.80) * (1 - 0.50), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CandidateEvidence.score(candidates.get(0).found()))
                .isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
    }
}
