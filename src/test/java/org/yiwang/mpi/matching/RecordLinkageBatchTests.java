package org.yiwang.mpi.matching;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordLinkageBatchTests {

    @Test
    void deduplicatesSyntheticRegistrationsWithoutFalseLinks() {
        List<SyntheticResidents.Registration> registrations = SyntheticResidents.generate(4_000, 0.3, 5);
        List<PreparedRecord> records = registrations.stream().map(r -> PreparedRecord.of(r.record())).toList();
        RecordLinkage.BatchResult result = RecordLinkage.chineseResidents()
                .deduplicate(records, RecordLinkage.BatchOptions.defaults(), Runnable::run);
        long truePairs = 0;
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j < records.size() && registrations.get(j).person() == registrations.get(i).person(); j++) {
                truePairs++;
            }
        }
        long tp = 0;
        long fp = 0;
        for (ScoredPair pair : result.scored()) {
            if (pair.decision() == Decision.LINK) {
                if (registrations.get(pair.left()).person() == registrations.get(pair.right()).person()) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        assertThat(result.emConverged()).isTrue();
        assertThat((double) tp / (tp + fp)).isGreaterThanOrEqualTo(0.999);
        assertThat((double) tp / truePairs).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void givesTheSameScoresOnACallerSuppliedThreadPool() {
        List<PreparedRecord> records = SyntheticResidents.generate(20_000, 0.3, 9).stream()
                .map(r -> PreparedRecord.of(r.record())).toList();
        RecordLinkage linkage = RecordLinkage.chineseResidents();
        RecordLinkage.BatchResult sequential = linkage.deduplicate(records, RecordLinkage.BatchOptions.defaults(),
                Runnable::run);
        RecordLinkage.BatchResult parallel;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            parallel = linkage.deduplicate(records, RecordLinkage.BatchOptions.defaults(), pool);
        }
        assertThat(sequential.scored().length).isGreaterThan(10_000);
        assertThat(parallel.scored()).containsExactly(sequential.scored());
        assertThat(parallel.linkage().model()).isEqualTo(sequential.linkage().model());
    }
}
