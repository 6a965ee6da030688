package org.yiwang.mpi;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.matching.Decision;
import org.yiwang.mpi.matching.MatchResult;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;

/**
 * Ranks candidates with the record-linkage engine (Fellegi–Sunter weights for Chinese residents: name with
 * homophones, look-alikes and traditional characters, birth date with swaps, sex, ID number with typos, phone,
 * address). The score is the engine's match probability; ties keep the database's evidence order. Candidates a
 * deterministic rule rules out (two different valid ID numbers) are not offered.
 */
@Component
class LinkageCandidateRanking implements CandidateRanking {

    private final RecordLinkage linkage = RecordLinkage.chineseResidents();

    @Override
    public List<DuplicateCandidate> rank(Person probe, List<Candidate> candidates) {
        PreparedRecord registering = RecordLinkage.prepare(record("probe", probe));
        return candidates.stream()
                .flatMap(c -> {
                    MatchResult result = linkage.compare(registering,
                            RecordLinkage.prepare(record(Long.toString(c.found().resident().id()), c.person())));
                    // a rule that rules the pair out (two different valid ID numbers) outweighs a high score
                    if (result.decision() == Decision.NON_MATCH && !result.rule().isEmpty()) {
                        return Stream.empty();
                    }
                    return Stream.of(new DuplicateCandidate(c.found().resident(), c.found().reasons(),
                            result.probability()));
                })
                .sorted(Comparator.comparingDouble(DuplicateCandidate::score).reversed()
                        .thenComparing(Comparator.comparingDouble(ReasonCandidateRanking::score).reversed())
                        .thenComparingLong(c -> c.resident().id()))
                .toList();
    }

    private static PersonRecord record(String id, Person person) {
        return PersonRecord.of(id, person.name(), person.sex() == null ? "" : Integer.toString(person.sex().code()),
                person.birthDate() == null ? "" : person.birthDate().toString(), person.idNumber(), person.phone(),
                person.address());
    }
}
