package org.yiwang.mpi.matching;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingTests {

    private final LinkageProfile profile = LinkageProfile.chineseResidents();

    @Test
    void keepsEveryTrueDuplicatePairOfSyntheticRegistrations() {
        List<SyntheticResidents.Registration> registrations = SyntheticResidents.generate(3_000, 0.3, 11);
        List<PreparedRecord> records = registrations.stream().map(r -> PreparedRecord.of(r.record())).toList();
        CandidatePairs pairs = Blocking.deduplication(profile, records, 500);
        long truePairs = 0;
        long kept = 0;
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j < records.size() && registrations.get(j).person() == registrations.get(i).person(); j++) {
                truePairs++;
                if (pairs.contains(i, j)) {
                    kept++;
                }
            }
        }
        assertThat(truePairs).isGreaterThan(1_000);
        assertThat((double) kept / truePairs).isGreaterThanOrEqualTo(0.999);
        assertThat(pairs.size()).isLessThan(records.size() * 5);
    }

    @Test
    void keysAreComputedPerRecordAndIdentifyingKeysAreMarked() {
        PreparedRecord record = PreparedRecord.of(PersonRecord.of("a", "王丽菲", "F", "1944-03-17",
                "65290219440317966X", "139-4041-8966", ""));
        List<BlockingKey> keys = profile.blockingKeys(record);
        assertThat(keys).extracting(BlockingKey::pass).contains("id", "phone", "name-year", "surname-birth",
                "given-monthday");
        assertThat(keys).filteredOn(k -> k.pass().startsWith("id") || k.pass().equals("phone"))
                .allMatch(BlockingKey::identifying);
        assertThat(keys).filteredOn(k -> k.pass().equals("phone")).extracting(BlockingKey::value)
                .containsExactly("13940418966");
        assertThat(keys.toString()).doesNotContain("13940418966");
    }

    @Test
    void skipsAndCountsOversizedBlocks() {
        List<PreparedRecord> records = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> PreparedRecord.of(PersonRecord.of("r" + i, "", "", "", "", "13800138000", "")))
                .toList();
        CandidatePairs all = Blocking.deduplication(profile, records, 50);
        assertThat(all.size()).isEqualTo(190);
        CandidatePairs capped = Blocking.deduplication(profile, records, 10);
        assertThat(capped.size()).isZero();
        assertThat(capped.oversizedBlocks()).isEqualTo(1);
        assertThat(capped.skippedComparisons()).isEqualTo(190);
    }

    @Test
    void linkageComparesOnlyAcrossTheTwoLists() {
        PreparedRecord a1 = PreparedRecord.of(PersonRecord.of("a1", "", "", "", "", "13800138000", ""));
        PreparedRecord a2 = PreparedRecord.of(PersonRecord.of("a2", "", "", "", "", "13800138000", ""));
        PreparedRecord b1 = PreparedRecord.of(PersonRecord.of("b1", "", "", "", "", "13800138000", ""));
        CandidatePairs pairs = Blocking.linkage(profile, List.of(a1, a2), List.of(b1), 50);
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(pairs.contains(0, 1)).isFalse();
        assertThat(pairs.contains(0, 2)).isTrue();
        assertThat(pairs.contains(1, 2)).isTrue();
    }
}
