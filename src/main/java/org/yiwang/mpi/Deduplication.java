package org.yiwang.mpi;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.mpi.matching.Decision;
import org.yiwang.mpi.matching.MatchResult;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.mpi.matching.ScoredPair;

/**
 * Batch deduplication of the whole master index (issue 3, item 7): reads every living resident in one streaming
 * pass (decrypting only the primary resident ID and phone, in memory), runs the matching engine's blocking and
 * scoring on the caller's executor, merges the pairs the engine links (a verified equal resident ID with an agreeing
 * name, or a probability at or above {@code yiwang.mpi.review.auto-link-probability}; the older record survives)
 * and queues the pairs it sends to review. Idempotent: a pair already in the queue — pending, linked, or decided not
 * a match — is neither queued again nor merged again; a re-run finds nothing new.
 *
 * <p>Not one transaction: each merge commits on its own, and queued pairs commit in chunks, so a long run holds no
 * long locks and an interrupted run keeps what it did (a re-run completes it). Inside a caller's transaction (the
 * demo county's loading) it joins that transaction.
 */
@Service
public class Deduplication {

    private static final Logger log = LoggerFactory.getLogger(Deduplication.class);
    static final String BY = "system:dedup";
    private static final int FETCH_SIZE = 10_000;
    private static final int QUEUE_CHUNK = 2_000;

    /**
     * What a run did and how long each phase took.
     *
     * @param candidatePairs pairs compared after blocking
     * @param oversizedBlocks blocks larger than {@code yiwang.mpi.review.max-block-size}, not compared
     * @param linkPairs pairs the engine links; {@code merged} of them were merged now (others were decided before or
     *        joined by an earlier merge of the run)
     * @param reviewPairs pairs the engine sends to review; {@code queued} of them were new to the queue
     */
    public record Report(int residents, long candidatePairs, int oversizedBlocks, int linkPairs, int merged,
            int reviewPairs, int queued, long readMillis, long matchMillis, long writeMillis) {

        public long totalMillis() {
            return readMillis + matchMillis + writeMillis;
        }
    }

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readTransaction;
    private final LinkageRecords records;
    private final ResidentMerging merging;
    private final Residents residents;
    private final MatchReviewProperties properties;

    Deduplication(JdbcTemplate jdbcTemplate, JdbcClient jdbc, PlatformTransactionManager transactionManager,
            LinkageRecords records, ResidentMerging merging, Residents residents, MatchReviewProperties properties) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readTransaction = new TransactionTemplate(transactionManager);
        this.readTransaction.setReadOnly(true);
        this.records = records;
        this.merging = merging;
        this.residents = residents;
        this.properties = properties;
    }

    /** Runs a deduplication of all living residents; parallel work goes to {@code executor}. */
    public Report run(Executor executor) {
        long start = System.nanoTime();
        List<PreparedRecord> prepared = read(executor);
        long read = System.nanoTime();
        Classified classified = classify(prepared, properties, executor);
        RecordLinkage.BatchResult result = classified.result();
        List<ScoredPair> links = classified.links();
        List<ScoredPair> reviews = classified.reviews();
        long matched = System.nanoTime();
        Set<Long> mergedNow = new HashSet<>();
        int merged = 0;
        for (ScoredPair pair : links) {
            if (link(result.linkage(), prepared.get(pair.left()), prepared.get(pair.right()), mergedNow)) {
                merged++;
            }
        }
        int queued = 0;
        for (int from = 0; from < reviews.size(); from += QUEUE_CHUNK) {
            List<ScoredPair> chunk = reviews.subList(from, Math.min(reviews.size(), from + QUEUE_CHUNK));
            queued += queue(result.linkage(), prepared, chunk, mergedNow);
        }
        long written = System.nanoTime();
        Report report = new Report(prepared.size(), result.candidates().size(), result.candidates().oversizedBlocks(),
                links.size(), merged, reviews.size(), queued, millis(start, read), millis(read, matched),
                millis(matched, written));
        log.info("Deduplication of {} residents: {} candidate pairs ({} oversized blocks), {} to link ({} merged), "
                        + "{} to review ({} newly queued) in {} ms", report.residents(), report.candidatePairs(),
                report.oversizedBlocks(), report.linkPairs(), report.merged(), report.reviewPairs(), report.queued(),
                report.totalMillis());
        return report;
    }

    /** The engine's batch result, with the pairs to link and the pairs to review. */
    record Classified(RecordLinkage.BatchResult result, List<ScoredPair> links, List<ScoredPair> reviews) {
    }

    /**
     * Blocking and scoring with the configured thresholds and the engine's default model (no EM fit: a run is
     * deterministic and its decisions do not drift with the data), name frequencies counted on the records.
     */
    static Classified classify(List<PreparedRecord> prepared, MatchReviewProperties properties, Executor executor) {
        RecordLinkage engine = RecordLinkage.chineseResidents().withThresholds(properties.thresholds());
        RecordLinkage.BatchOptions options = new RecordLinkage.BatchOptions(properties.maxBlockSize(), false, 0, 1e-6,
                0, 0);
        RecordLinkage.BatchResult result = engine.deduplicate(prepared, options, executor);
        List<ScoredPair> links = new ArrayList<>();
        List<ScoredPair> reviews = new ArrayList<>();
        for (ScoredPair pair : result.scored()) {
            if (pair.decision() == Decision.LINK) {
                links.add(pair);
            } else if (pair.decision() == Decision.REVIEW) {
                reviews.add(pair);
            }
        }
        return new Classified(result, links, reviews);
    }

    /** Every living resident, in id order, prepared for the engine; decrypting and preparing run on the executor. */
    private List<PreparedRecord> read(Executor executor) {
        List<LinkageRecords.Raw> raws = new ArrayList<>();
        readTransaction.executeWithoutResult(status -> jdbcTemplate.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("select " + LinkageRecords.COLUMNS
                    + " from mpi.resident where voided_at is null order by id");
            statement.setFetchSize(FETCH_SIZE);
            return statement;
        }, rs -> {
            raws.add(LinkageRecords.Raw.of(rs));
        }));
        PreparedRecord[] prepared = new PreparedRecord[raws.size()];
        int chunks = Math.max(1, Math.min(64, raws.size() / 5_000));
        List<CompletableFuture<Void>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) raws.size() * c / chunks);
            int to = (int) ((long) raws.size() * (c + 1) / chunks);
            futures.add(CompletableFuture.runAsync(() -> {
                for (int i = from; i < to; i++) {
                    prepared[i] = RecordLinkage.prepare(records.decrypt(raws.get(i)));
                }
            }, executor));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        return Arrays.asList(prepared);
    }

    /** Merges one linked pair in its own transaction unless the pair is in the queue already; true if merged. */
    private boolean link(RecordLinkage engine, PreparedRecord a, PreparedRecord b, Set<Long> mergedNow) {
        long left = Long.parseLong(a.recordId());
        long right = Long.parseLong(b.recordId());
        MatchResult result = engine.compare(a, b);
        Boolean merged = transactions.execute(status -> {
            Optional<Long> review = jdbc.sql(ReviewQueue.insertSql().replace("?", "%s").formatted(":low", ":high",
                            ":probability", ":weight", ":decision", ":rule", ":explanation", ":source")
                            + " returning id")
                    .param("low", Math.min(left, right)).param("high", Math.max(left, right))
                    .param("probability", result.probability()).param("weight", result.weightBits())
                    .param("decision", result.decision().name()).param("rule", ReviewQueue.truncate(result.rule()))
                    .param("explanation", ReviewQueue.explanationJson(result.explanation()))
                    .param("source", MatchReview.Source.BATCH.name())
                    .query(Long.class).optional();
            if (review.isEmpty()) {
                return false;
            }
            long s = residents.resolve(left).orElse(left);
            long m = residents.resolve(right).orElse(right);
            String why = result.rule().isEmpty() ? "batch deduplication: match probability "
                    + String.format(java.util.Locale.ROOT, "%.6f", result.probability()) : "batch deduplication: "
                    + result.rule();
            Long mergeId = null;
            if (s != m) {
                mergeId = merging.merge(Math.min(s, m), Math.max(s, m), review.get(), ReviewQueue.truncate(why), BY,
                        null);
                mergedNow.add(Math.max(s, m));
            }
            jdbc.sql("""
                            update mpi.match_review set status = 'LINKED', decided_at = now(), decided_by = :by,
                                decision_reason = :why, merge_id = :merge
                            where id = :id
                            """)
                    .param("by", BY).param("why", ReviewQueue.truncate(s == m ? "already one record" : why))
                    .param("merge", mergeId).param("id", review.get()).update();
            return mergeId != null;
        });
        return Boolean.TRUE.equals(merged);
    }

    /** Queues review pairs in one transaction; pairs with a record merged during this run wait for the next run. */
    private int queue(RecordLinkage engine, List<PreparedRecord> prepared, List<ScoredPair> chunk, Set<Long> mergedNow) {
        List<Object[]> rows = new ArrayList<>(chunk.size());
        for (ScoredPair pair : chunk) {
            PreparedRecord a = prepared.get(pair.left());
            PreparedRecord b = prepared.get(pair.right());
            long left = Long.parseLong(a.recordId());
            long right = Long.parseLong(b.recordId());
            if (mergedNow.contains(left) || mergedNow.contains(right)) {
                continue;
            }
            MatchResult result = engine.compare(a, b);
            rows.add(new Object[] {Math.min(left, right), Math.max(left, right), result.probability(),
                result.weightBits(), result.decision().name(), ReviewQueue.truncate(result.rule()),
                ReviewQueue.explanationJson(result.explanation()), MatchReview.Source.BATCH.name()});
        }
        Integer queued = transactions.execute(status -> Arrays.stream(
                jdbcTemplate.batchUpdate(ReviewQueue.insertSql(), rows)).map(n -> Math.max(0, n)).sum());
        return queued == null ? 0 : queued;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
