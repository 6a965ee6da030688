package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.mpi.matching.ScoredPair;

/** The batch deduplication's decisions on synthetic records: the deterministic ID rules (ID-01, ID-03). */
class DeduplicationRulesTests {

    private static final MatchReviewProperties DEFAULTS = new MatchReviewProperties(0.9999, 0.5, 500, 20);

    private static PreparedRecord record(String id, String name, String sex, String birth, String idNumber,
            String address) {
        return RecordLinkage.prepare(PersonRecord.of(id, name, sex, birth, idNumber, null, address));
    }

    private static Set<String> pairs(List<PreparedRecord> records, List<ScoredPair> scored) {
        return scored.stream().map(p -> records.get(p.left()).recordId() + "-" + records.get(p.right()).recordId())
                .collect(Collectors.toSet());
    }

    @Test
    void linksAnEqualValidIdWithAgreeingNameAndReviewsAnEqualIdWithConflictingNameOrBirthDate() {
        List<PreparedRecord> records = List.of(
                record("1", "王秀英", "2", "1949-12-31", "11010519491231002X", "青石镇柳溪村 3 组"),
                record("2", "王秀英", "2", "1949-12-31", "11010519491231002X", "县城建设路 8 号"),
                record("3", "李建国", "2", "1949-12-31", "11010519491231002X", "青石镇柳溪村 3 组"),
                record("4", "张伟", "1", "1978-12-16", "321083197812162119", "白沙乡 2 组"),
                record("5", "张伟", "1", "1985-03-02", "321083197812162119", "白沙乡 2 组"));
        Deduplication.Classified classified = Deduplication.classify(records, DEFAULTS, Runnable::run);
        // ID rule: equal verified number and agreeing name link deterministically, whatever the address says
        assertThat(pairs(records, classified.links())).containsExactly("1-2");
        // equal number with a conflicting name (a parent's number used for a child) or birth date: review only
        assertThat(pairs(records, classified.reviews())).contains("1-3", "2-3", "4-5");
        assertThat(pairs(records, classified.links())).doesNotContain("1-3", "2-3", "4-5");
    }

    @Test
    void neverLinksTwinsSharingBirthDateAddressAndFamilyPhone() {
        List<PreparedRecord> records = List.of(
                RecordLinkage.prepare(PersonRecord.of("1", "刘子涵", "1", "2015-06-01", null, "13812345678",
                        "青石镇柳溪村 3 组 8 号")),
                RecordLinkage.prepare(PersonRecord.of("2", "刘子轩", "1", "2015-06-01", null, "13812345678",
                        "青石镇柳溪村 3 组 8 号")));
        Deduplication.Classified classified = Deduplication.classify(records, DEFAULTS, Runnable::run);
        assertThat(classified.links()).isEmpty();
    }
}
