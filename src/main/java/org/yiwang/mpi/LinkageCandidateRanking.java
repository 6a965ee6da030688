package org.yiwang.mpi;

import java.util.Comparator;
import java.util.List;
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
 * deterministic rule rules out (two different valid ID numbers) score 0 and come last.
 */
@Component
class LinkageCandidateRanking implements CandidateRanking {

    private final RecordLinkage linkage = RecordLinkage.chineseResidents();

    @Override
    public List<DuplicateCandidate> rank(Person probe, List<Candidate> candidates) {
        PreparedRecord registering = RecordLinkage.prepare(record("probe", probe));
        return candidates.stream()
                .map(c -> {
                    MatchResult result = linkage.compare(registering,
                            RecordLinkage.prepare(record(Long.toString(c.found().resident().id()), c.person())));
                    // a rule that rules the pair out (two different valid ID numbers) outweighs a high score:
                    // still listed for the registrar to see, last and at 0 %
                    boolean ruledOut = result.decision() == Decision.NON_MATCH && !result.rule().isEmpty();
                    return new DuplicateCandidate(c.found().resident(), c.found().reasons(),
                            ruledOut ? 0.0 : result.probability());
                })
                .sorted(Comparator.comparingDouble(DuplicateCandidate::score).reversed()
                        .thenComparing(Comparator.comparingDouble(CandidateEvidence::score).reversed())
                        .thenComparingLong(c -> c.resident().id()))
                .toList();
    }

    private static PersonRecord record(String id, Person person) {
        return PersonRecord.of(id, person.name(), person.sex() == null ? "" : Integer.toString(person.sex().code()),
                person.birthDate() == null ? "" : person.birthDate().toString(), person.idNumber(), person.phone(),
                person.address());
    }
}
