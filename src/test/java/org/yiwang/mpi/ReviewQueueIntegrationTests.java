package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;

/**
 * The review queue filled by batch deduplication of the demo county, decisions, merge with {@link ResidentsMerged}
 * and resolution of either id, and unmerge restoring both records exactly.
 */
@IntegrationTest
@RecordApplicationEvents
class ReviewQueueIntegrationTests {

    private static final AtomicInteger SERIAL = new AtomicInteger(90_000);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Deduplication deduplication;

    @Autowired
    ReviewQueue queue;

    @Autowired
    ResidentMerging merging;

    @Autowired
    Residents residents;

    @Autowired
    ResidentDirectory directory;

    @Autowired
    ResidentStore store;

    @Autowired
    MpiDemoData demoData;

    @Autowired
    LinkageRecords linkageRecords;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEvents events;

    private long id(String healthRecordNumber) {
        return jdbc.sql("select id from mpi.resident where health_record_number = cast(:n as bpchar)")
                .param("n", healthRecordNumber).query(Long.class).single();
    }

    private String status(long a, long b) {
        return jdbc.sql("select status from mpi.match_review where resident_low = :low and resident_high = :high")
                .param("low", Math.min(a, b)).param("high", Math.max(a, b)).query(String.class).optional()
                .orElse("ABSENT");
    }

    private Long mergedInto(long id) {
        return jdbc.sql("select merged_into_id from mpi.resident where id = :id").param("id", id)
                .query(Long.class).optional().orElse(null);
    }

    @Test
    void demoCountyDuplicatesFillTheQueueOnFirstStartAndTwinsOrNamesakesAreNeverMerged() {
        DemoDuplicatePlan plan = demoData.duplicates(demoData.plan());
        int handled = 0;
        for (DemoDuplicatePlan.Pair pair : plan.pairs()) {
            long first = id(pair.firstHealthRecordNumber());
            long second = id(pair.secondHealthRecordNumber());
            String status = status(first, second);
            if (!pair.kind().isSamePerson()) {
                assertThat(status).as("%s %s", pair.kind(), pair).isNotEqualTo("LINKED");
                assertThat(mergedInto(first)).isNull();
                assertThat(mergedInto(second)).isNull();
            } else if (!status.equals("ABSENT")) {
                handled++;
            }
            if (pair.kind() == DemoDuplicatePlan.Kind.DAY_MONTH_SWAPPED) {
                // name and a swapped birth date, with only the village as address: a registrar decides
                assertThat(status).as("%s", pair).isEqualTo("PENDING");
            }
        }
        long pending = jdbc.sql("select count(*) from mpi.match_review where status = 'PENDING' and source = 'BATCH'")
                .query(Long.class).single();
        assertThat(pending).isGreaterThanOrEqualTo(8);
        // most same-person pairs reach a decision or a person (the rest lack anything to compare but a name)
        assertThat(handled).isGreaterThanOrEqualTo(30);
    }

    @Test
    void rerunningTheDeduplicationQueuesAndMergesNothingNew() {
        long rows = jdbc.sql("select count(*) from mpi.match_review").query(Long.class).single();
        long merges = jdbc.sql("select count(*) from mpi.resident_merge").query(Long.class).single();
        Deduplication.Report report = deduplication.run(Runnable::run);
        assertThat(report.reviewPairs()).isPositive();
        assertThat(report.queued()).isZero();
        assertThat(report.merged()).isZero();
        assertThat(jdbc.sql("select count(*) from mpi.match_review").query(Long.class).single()).isEqualTo(rows);
        assertThat(jdbc.sql("select count(*) from mpi.resident_merge").query(Long.class).single()).isEqualTo(merges);
    }

    @Test
    void notAMatchIsRememberedAndThePairNeverComesBack() {
        long[] pair = newPair("赵雅琴", "赵雅琴", true);
        long reviewId = enqueue(pair[0], pair[1]);
        queue.notAMatch(reviewId, "姐妹，不是同一人", "registrar");
        Deduplication.Report report = deduplication.run(Runnable::run);
        assertThat(status(pair[0], pair[1])).isEqualTo("NOT_A_MATCH");
        assertThat(queue.enqueueCandidates(pair[1], List.of(pair[0]), MatchReview.Source.REGISTRATION)).isZero();
        assertThat(report.queued()).isZero();
        assertThatThrownBy(() -> queue.link(reviewId, pair[0], "改主意", "registrar", null))
                .isInstanceOf(MergeConflictException.class);
    }

    @Test
    void mergeKeepsTheSurvivorResolvesBothIdsAndPublishesResidentsMerged() {
        long[] pair = newPair("钱文博", "钱文博", true);
        String mergedIdNumber = idNumberOf(pair[1]);
        long reviewId = enqueue(pair[0], pair[1]);
        long mergeId = queue.link(reviewId, pair[0], "同一人两处建档", "registrar", null);

        assertThat(residents.resolve(pair[1])).contains(pair[0]);
        assertThat(residents.resolve(pair[0])).contains(pair[0]);
        assertThat(residents.findCurrent(pair[1], "test").orElseThrow().id()).isEqualTo(pair[0]);
        assertThat(residents.findByIdNumber(mergedIdNumber, "test").orElseThrow().id()).isEqualTo(pair[0]);
        assertThat(status(pair[0], pair[1])).isEqualTo("LINKED");
        // the merged record stays, voided and pointing to the survivor; its health-record number stays reserved
        assertThat(mergedInto(pair[1])).isEqualTo(pair[0]);
        assertThat(jdbc.sql("select count(*) from mpi.identity_document where resident_id = :s and voided_at is null")
                .param("s", pair[0]).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from mpi.resident_version where resident_id in (:ids) and change = 'MERGED'")
                .param("ids", List.of(pair[0], pair[1])).query(Long.class).single()).isEqualTo(2);
        assertThat(events.stream(ResidentsMerged.class))
                .anySatisfy(e -> {
                    assertThat(e.survivorId()).isEqualTo(pair[0]);
                    assertThat(e.mergedId()).isEqualTo(pair[1]);
                    assertThat(e.mergeId()).isEqualTo(mergeId);
                });
    }

    @Test
    void currentResidentOfAMergedIdIsTheSurvivorsOwnRecordAndItsRecordIdsListTheSurvivorFirst() {
        long[] pair = newPair("孙雅琴", "孙雅琴", true);
        queue.link(enqueue(pair[0], pair[1]), pair[0], "同一人两处建档", "registrar", null);

        ResidentRecord current = directory.currentResident(pair[1], "test").orElseThrow();
        assertThat(current.id()).isEqualTo(pair[0]);
        assertThat(current.documents()).hasSize(2);
        ResidentDetails survivor = directory.details(pair[0], "test").orElseThrow();
        assertThat(current).as("the details are this record and the relatives")
                .usingRecursiveComparison().isEqualTo(survivor);
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event
                        where resident_id = :merged and action = 'VIEW_RESIDENT_DETAILS'""")
                .param("merged", pair[1]).query(Long.class).single()).as("the survivor was read, not the merged id")
                .isZero();
        assertThat(residents.recordIds(pair[1])).containsExactly(pair[0], pair[1]);
        assertThat(residents.recordIds(pair[0])).containsExactly(pair[0], pair[1]);
        assertThat(directory.currentResident(Long.MAX_VALUE, "test")).isEmpty();
        assertThat(residents.recordIds(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void survivorHistoryHoldsTheMergedRecordsVersionsUntilTheMergeIsUndone() {
        long[] pair = newPair("周若兰", "周若兰", true);
        long reviewId = enqueue(pair[0], pair[1]);
        queue.link(reviewId, pair[0], "同一人两处建档", "registrar", null);

        List<ResidentVersion> history = directory.history(pair[0], "test");
        assertThat(history).extracting(ResidentVersion::residentId).contains(pair[0], pair[1]);
        assertThat(history).filteredOn(v -> v.residentId() == pair[1])
                .extracting(ResidentVersion::change).containsExactly("MERGED", "REGISTERED");
        assertThat(history.getFirst().changedAt()).isAfterOrEqualTo(history.getLast().changedAt());
        // reading the merged record's versions through the survivor is a read of that record too
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event
                        where resident_id = :merged and action = 'VIEW_RESIDENT_HISTORY'""")
                .param("merged", pair[1]).query(Long.class).single()).isEqualTo(1);

        transactions.execute(s -> merging.unmerge(pair[1], "建档错误，分开", "registrar", null));
        assertThat(directory.history(pair[0], "test")).extracting(ResidentVersion::residentId).containsOnly(pair[0]);
    }

    @Test
    void afterAMergeTheMergedNumberFindsTheSurvivorAndItsWardsFollow() {
        long[] pair = newPair("冯桂兰", "冯桂兰", true);
        String mergedNumber = hrn(pair[1]);
        String village = mergedNumber.substring(0, 12);
        int serial = SERIAL.getAndAdd(2);
        NewResident child = new NewResident(village + serial, "冯小雨", Sex.FEMALE, LocalDate.of(2022, 5, 1), "01",
                null, null, village, "青石镇柳溪村 " + serial + " 号", mergedNumber,
                jdbc.sql("select registered_organisation_id from mpi.resident where id = :id").param("id", pair[1])
                        .query(Long.class).single());
        transactions.executeWithoutResult(s -> store.insertAll(List.of(child), "test:review:" + serial));
        long childId = id(child.healthRecordNumber());

        queue.link(enqueue(pair[0], pair[1]), pair[0], "同一人", "registrar", null);

        assertThat(directory.search(mergedNumber, null, 0, "test").residents())
                .extracting(ResidentListItem::id).containsExactly(pair[0]);
        assertThat(directory.details(pair[0], "test").orElseThrow().wards())
                .extracting(ResidentDetails.Relative::id).contains(childId);
        assertThat(directory.details(childId, "test").orElseThrow().guardian().id()).isEqualTo(pair[0]);

        transactions.execute(s -> merging.unmerge(pair[1], "分开", "registrar", null));
        assertThat(directory.search(mergedNumber, null, 0, "test").residents())
                .extracting(ResidentListItem::id).containsExactly(pair[1]);
        assertThat(directory.details(childId, "test").orElseThrow().guardian().id()).isEqualTo(pair[1]);
    }

    private String hrn(long residentId) {
        return jdbc.sql("select health_record_number from mpi.resident where id = :id").param("id", residentId)
                .query(String.class).single();
    }

    @Test
    void undoingAMergePutsThePairsItMadeMootBackInTheQueue() {
        long[] pair = newPair("吴秀珍", "吴秀珍", true);
        long[] other = newPair("吴秀珍", "吴秀贞", true);
        long decided = enqueue(pair[0], pair[1]);
        long moot = enqueue(pair[1], other[0]);
        queue.link(decided, pair[0], "同一人", "registrar", null);
        assertThat(status(pair[1], other[0])).isEqualTo("SUPERSEDED");

        transactions.execute(s -> merging.unmerge(pair[1], "建档错误，分开", "registrar", null));

        assertThat(status(pair[0], pair[1])).isEqualTo("PENDING");
        assertThat(status(pair[1], other[0])).isEqualTo("PENDING");
        assertThat(jdbc.sql("select decided_at is null and merge_id is null from mpi.match_review where id = :id")
                .param("id", moot).query(Boolean.class).single()).isTrue();
    }

    @Test
    void unmergeRestoresBothRecordsExactlyWithTheirDocumentsAndPhones() {
        long[] pair = newPair("孙立新", "孙立新", true);
        String survivorBefore = state(pair[0]);
        String mergedBefore = state(pair[1]);
        long reviewId = enqueue(pair[0], pair[1]);
        long mergeId = queue.link(reviewId, pair[0], "同一人", "registrar", null);
        assertThat(state(pair[0])).isNotEqualTo(survivorBefore);

        ResidentsUnmerged unmerged = transactions.execute(s -> merging.unmerge(pair[1], "建档错误，分开", "registrar", null));

        assertThat(unmerged.survivorKeptEdits()).isFalse();
        assertThat(unmerged.mergeId()).isEqualTo(mergeId);
        assertThat(state(pair[0])).isEqualTo(survivorBefore);
        assertThat(state(pair[1])).isEqualTo(mergedBefore);
        assertThat(residents.resolve(pair[1])).contains(pair[1]);
        assertThat(residents.findByIdNumber(idNumberOf(pair[1]), "test").orElseThrow().id()).isEqualTo(pair[1]);
        assertThat(status(pair[0], pair[1])).isEqualTo("PENDING");
        assertThat(events.stream(ResidentsUnmerged.class)).anySatisfy(e -> assertThat(e.mergedId()).isEqualTo(pair[1]));
    }

    @Test
    void batchDeduplicationMergesAClusterOfThreeIntoTheOldestAndUnmergingNewestFirstRestoresAllThreeExactly() {
        long[] ids = newTriple("欧阳慧敏");
        String[] before = {state(ids[0]), state(ids[1]), state(ids[2])};
        long auditBefore = mergeAuditEntries(ids);

        Deduplication.Report report = deduplication.run(Runnable::run);

        assertThat(report.merged()).isGreaterThanOrEqualTo(2);
        // one cluster, merged set-based into its lowest id: both others point straight to it
        assertThat(mergedInto(ids[1])).isEqualTo(ids[0]);
        assertThat(mergedInto(ids[2])).isEqualTo(ids[0]);
        assertThat(residents.resolve(ids[2])).contains(ids[0]);
        assertThat(status(ids[0], ids[1])).isEqualTo("LINKED");
        assertThat(jdbc.sql("""
                        select count(*) from mpi.match_review q join mpi.resident_merge m on m.id = q.merge_id
                        where q.status = 'LINKED' and q.resident_high in (:ids) and m.merged_id = q.resident_high""")
                .param("ids", List.of(ids[1], ids[2])).query(Long.class).single()).isGreaterThanOrEqualTo(2);
        // the phones of all three are the survivor's now, one of them primary
        assertThat(jdbc.sql("""
                        select count(*) filter (where is_primary) * 10 + count(*) from mpi.resident_phone
                        where resident_id = :s and voided_at is null""")
                .param("s", ids[0]).query(Long.class).single()).isEqualTo(13);
        assertThat(jdbc.sql("select count(*) from mpi.resident_version where resident_id in (:ids) and change = 'MERGED'")
                .param("ids", List.of(ids[0], ids[1], ids[2])).query(Long.class).single()).isEqualTo(4);
        assertThat(mergeAuditEntries(ids) - auditBefore).isEqualTo(4);
        assertThat(events.stream(ResidentsMerged.class).filter(e -> e.survivorId() == ids[0]).map(ResidentsMerged::mergedId))
                .containsExactlyInAnyOrder(ids[1], ids[2]);

        long newest = jdbc.sql("select merged_id from mpi.resident_merge where survivor_id = :s and unmerged_at is null "
                + "order by id desc limit 1").param("s", ids[0]).query(Long.class).single();
        long older = newest == ids[1] ? ids[2] : ids[1];
        ResidentsUnmerged first = transactions.execute(s -> merging.unmerge(newest, "分开", "registrar", null));
        ResidentsUnmerged second = transactions.execute(s -> merging.unmerge(older, "分开", "registrar", null));

        assertThat(first.survivorKeptEdits()).isFalse();
        assertThat(second.survivorKeptEdits()).isFalse();
        assertThat(state(ids[0])).isEqualTo(before[0]);
        assertThat(state(ids[1])).isEqualTo(before[1]);
        assertThat(state(ids[2])).isEqualTo(before[2]);
        assertThat(status(ids[0], ids[1])).isEqualTo("PENDING");
    }

    @Test
    void batchDeduplicationNeverJoinsTwoValidIdNumbersThroughARecordWithoutOne() {
        long[] ids = newTriple("上官雨桐", true);

        deduplication.run(Runnable::run);

        // the record without ID number joins the first; the third, with another valid ID number, stays apart
        assertThat(mergedInto(ids[1])).isEqualTo(ids[0]);
        assertThat(mergedInto(ids[0])).isNull();
        assertThat(mergedInto(ids[2])).isNull();
        // the pair of the record without ID number and the third is moot now that the first absorbed it
        assertThat(status(ids[1], ids[2])).isEqualTo("SUPERSEDED");
        assertThat(status(ids[0], ids[2])).isNotEqualTo("LINKED");
    }

    private long mergeAuditEntries(long[] ids) {
        return jdbc.sql("""
                        select count(*) from platform.audit_event
                        where action like 'MERGE_RESIDENTS_%' and resident_id in (:ids)""")
                .param("ids", List.of(ids[0], ids[1], ids[2])).query(Long.class).single();
    }

    /** One woman registered three times in one village: with ID number and phone, then twice without ID number. */
    private long[] newTriple(String name) {
        return newTriple(name, false);
    }

    /** As {@link #newTriple(String)}; with {@code thirdWithId} the third registration has another valid ID number. */
    private long[] newTriple(String name, boolean thirdWithId) {
        record Village(String division, long organisation) {
        }
        Village village = jdbc.sql("""
                        select division_code, id from registry.organisation where type = 'VILLAGE_CLINIC'
                        order by code limit 1""")
                .query((rs, n) -> new Village(rs.getString(1), rs.getLong(2))).single();
        int serial = SERIAL.getAndAdd(3);
        LocalDate birth = LocalDate.of(1961, 3, 1).plusDays(serial % 900);
        String phone = "138" + (10_000_000 + serial);
        String address = "青石镇柳溪村 " + serial + " 号";
        List<NewResident> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new NewResident(village.division() + (serial + i), name, Sex.FEMALE, birth, "01",
                    i == 0 || i == 2 && thirdWithId ? idNumber(birth, serial + i) : null, phone, village.division(),
                    address, null,
                    village.organisation()));
        }
        transactions.executeWithoutResult(s -> store.insertAll(three, "test:review:" + serial));
        return new long[] {id(three.get(0).healthRecordNumber()), id(three.get(1).healthRecordNumber()),
            id(three.get(2).healthRecordNumber())};
    }

    @Test
    void survivorEditedAfterTheMergeKeepsItsEditsAndThePairGoesBackToReview() {
        long[] pair = newPair("周海燕", "周海燕", true);
        String mergedBefore = state(pair[1]);
        long reviewId = enqueue(pair[0], pair[1]);
        queue.link(reviewId, pair[0], "同一人", "registrar", null);
        jdbc.sql("update mpi.resident set address = '县城新华路 12 号', version = version + 1 where id = :id")
                .param("id", pair[0]).update();

        ResidentsUnmerged unmerged = transactions.execute(s -> merging.unmerge(pair[1], "错误合并", "registrar", null));

        assertThat(unmerged.survivorKeptEdits()).isTrue();
        assertThat(jdbc.sql("select address from mpi.resident where id = :id").param("id", pair[0])
                .query(String.class).single()).isEqualTo("县城新华路 12 号");
        assertThat(state(pair[1])).isEqualTo(mergedBefore);
        assertThat(jdbc.sql("select count(*) from mpi.identity_document where resident_id = :s and voided_at is null")
                .param("s", pair[0]).query(Long.class).single()).isEqualTo(1);
        assertThat(status(pair[0], pair[1])).isEqualTo("PENDING");
    }

    @Test
    void concurrentDecisionsOnTheSamePairLetExactlyOneWin() throws Exception {
        long[] pair = newPair("吴国庆", "吴国庆", true);
        long reviewId = enqueue(pair[0], pair[1]);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> decisions = List.of(
                () -> {
                    start.await();
                    queue.link(reviewId, pair[0], "同一人", "registrar-a", null);
                    return "linked";
                },
                () -> {
                    start.await();
                    queue.link(reviewId, pair[1], "同一人", "registrar-b", null);
                    return "linked";
                },
                () -> {
                    start.await();
                    queue.notAMatch(reviewId, "不同人", "registrar-c");
                    return "not-a-match";
                });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> futures = new ArrayList<>();
            decisions.forEach(d -> futures.add(pool.submit(d)));
            start.countDown();
            int won = 0;
            int conflicts = 0;
            for (Future<String> future : futures) {
                try {
                    future.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(MergeConflictException.class);
                    conflicts++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(conflicts).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from mpi.resident_merge where merged_id in (:ids)")
                .param("ids", List.of(pair[0], pair[1])).query(Long.class).single()).isLessThanOrEqualTo(1);
    }

    @Test
    void registeringAnywayBesideAReviewLevelCandidateQueuesThePair() {
        long[] pair = newPair("郑红梅", "郑紅梅", false);
        assertThat(queue.enqueueCandidates(pair[1], List.of(pair[0]), MatchReview.Source.REGISTRATION)).isEqualTo(1);
        assertThat(status(pair[0], pair[1])).isEqualTo("PENDING");
        assertThat(queue.enqueueCandidates(pair[1], List.of(pair[0]), MatchReview.Source.REGISTRATION)).isZero();
    }

    @Test
    void pagesThroughPendingPairsByScoreWithoutRepeats() {
        Set<Long> seen = new java.util.HashSet<>();
        String after = null;
        double last = 1;
        int pages = 0;
        do {
            ReviewQueue.Page page = queue.page(ReviewQueue.Filter.PENDING, ReviewQueue.Order.SCORE, after);
            for (MatchReview review : page.reviews()) {
                assertThat(seen.add(review.id())).isTrue();
                assertThat(review.probability()).isLessThanOrEqualTo(last);
                last = review.probability();
            }
            after = page.next();
            pages++;
        } while (after != null && pages < 100);
        assertThat(seen).hasSize((int) queue.pendingCount());
    }

    /** Row, documents and phones of a resident as JSON, without the version number (which only goes up). */
    private String state(long id) {
        return jdbc.sql("""
                        select jsonb_build_object(
                            'row', (select to_jsonb(r) - 'version' from mpi.resident r where r.id = :id),
                            'documents', (select jsonb_agg(to_jsonb(d) order by d.id) from mpi.identity_document d
                                          where d.resident_id = :id),
                            'phones', (select jsonb_agg(to_jsonb(p) order by p.id) from mpi.resident_phone p
                                       where p.resident_id = :id))::text""")
                .param("id", id).query(String.class).single();
    }

    private String idNumberOf(long id) {
        PreparedRecord record = linkageRecords.load(List.of(id)).get(id);
        return record.record().idNumber();
    }

    private long enqueue(long a, long b) {
        var prepared = linkageRecords.load(List.of(a, b));
        queue.enqueue(a, b, RecordLinkage.chineseResidents().compare(prepared.get(a), prepared.get(b)),
                MatchReview.Source.BATCH);
        return jdbc.sql("select id from mpi.match_review where resident_low = :low and resident_high = :high")
                .param("low", Math.min(a, b)).param("high", Math.max(a, b)).query(Long.class).single();
    }

    /** Two fresh residents born the same day in the same village; each with its own ID number when asked. */
    private long[] newPair(String firstName, String secondName, boolean withIds) {
        record Village(String division, long organisation) {
        }
        Village village = jdbc.sql("""
                        select division_code, id from registry.organisation where type = 'VILLAGE_CLINIC'
                        order by code limit 1""")
                .query((rs, n) -> new Village(rs.getString(1), rs.getLong(2))).single();
        int serial = SERIAL.getAndAdd(2);
        LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(serial % 9000);
        String by = "test:review:" + serial;
        List<NewResident> pair = List.of(
                new NewResident(village.division() + serial, firstName, Sex.FEMALE, birth, "01",
                        withIds ? idNumber(birth, serial) : null, "139" + (10_000_000 + serial), village.division(),
                        "青石镇柳溪村 " + serial + " 号", null, village.organisation()),
                new NewResident(village.division() + (serial + 1), secondName, Sex.FEMALE, birth, "01",
                        withIds ? idNumber(birth, serial + 1) : null, "137" + (10_000_000 + serial),
                        village.division(), "青石镇柳溪村 " + serial + " 号", null, village.organisation()));
        transactions.executeWithoutResult(s -> store.insertAll(pair, by));
        return new long[] {id(pair.get(0).healthRecordNumber()), id(pair.get(1).healthRecordNumber())};
    }

    /** A valid 18-digit resident ID (ID-01, ID-03) of a woman born on {@code birth}, unique per serial. */
    static String idNumber(LocalDate birth, int serial) {
        String body = "110105" + birth.toString().replace("-", "") + String.format("%03d", (serial % 500) * 2);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
