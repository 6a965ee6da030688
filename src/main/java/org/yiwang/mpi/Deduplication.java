package org.yiwang.mpi;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
    static final int MERGE_CHUNK = 5_000;

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
        int merged = linkAll(result.linkage(), prepared, links, mergedNow);
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

    /** A linked pair put into the review queue as decided by the engine, with the reason its merge gives. */
    private record Edge(long low, long high, long reviewId, String why) {
    }

    /**
     * Merges the linked pairs set-based: puts them into the review queue (in chunks; a pair already there — decided
     * or pending — is left alone, as a re-run must), groups the new ones into clusters (union-find: a record linked to
     * two others brings them together, unless that would join two different valid resident ID numbers: two persons,
     * so such a pair stays pending for a person), and merges every other member of a cluster into its lowest id, the oldest
     * record, {@value #MERGE_CHUNK} merges per transaction ({@link ResidentMerging#mergeAll}). The queue rows of the
     * pairs become {@code LINKED}, each pointing to the merge of its higher record. Returns the merges done.
     */
    private int linkAll(RecordLinkage engine, List<PreparedRecord> prepared, List<ScoredPair> links,
            Set<Long> mergedNow) {
        List<Edge> edges = new ArrayList<>();
        for (int from = 0; from < links.size(); from += QUEUE_CHUNK) {
            edges.addAll(enqueueLinks(engine, prepared, links.subList(from, Math.min(links.size(), from + QUEUE_CHUNK))));
        }
        Set<Long> linked = new HashSet<>();
        edges.forEach(e -> {
            linked.add(e.low());
            linked.add(e.high());
        });
        Map<Long, String> idNumberOf = new HashMap<>();
        for (PreparedRecord r : prepared) {
            if (!linked.contains(Long.parseLong(r.recordId()))) {
                continue;
            }
            String id = validIdNumber(r.record().idNumber());
            if (id != null) {
                idNumberOf.put(Long.parseLong(r.recordId()), id);
            }
        }
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, String> clusterIdNumber = new HashMap<>(); // per root: the valid ID number of the cluster, if any
        for (Edge e : edges) {
            long a = find(parent, e.low());
            long b = find(parent, e.high());
            if (a == b) {
                continue;
            }
            String ia = clusterIdNumber.getOrDefault(a, idNumberOf.get(a));
            String ib = clusterIdNumber.getOrDefault(b, idNumberOf.get(b));
            if (ia != null && ib != null && !ia.equals(ib)) {
                continue; // two valid ID numbers are two persons: the pair stays in the queue for a person to decide
            }
            long root = Math.min(a, b); // the root is always the lowest id of its cluster
            parent.put(Math.max(a, b), root);
            String id = ia != null ? ia : ib;
            if (id != null) {
                clusterIdNumber.put(root, id);
            }
        }
        // pairs left between two clusters are not decided by this run
        edges = edges.stream().filter(e -> find(parent, e.low()) == find(parent, e.high())).toList();
        Map<Long, List<Long>> clusters = new java.util.TreeMap<>();
        for (Long id : new ArrayList<>(parent.keySet())) {
            clusters.computeIfAbsent(find(parent, id), r -> new ArrayList<>()).add(id);
        }
        Map<Long, Edge> edgeOf = new HashMap<>(); // the merge of a record is explained by its first linked pair
        for (Edge e : edges) {
            edgeOf.putIfAbsent(e.high(), e);
        }
        for (Edge e : edges) {
            edgeOf.putIfAbsent(e.low(), e);
        }
        Map<Long, List<Edge>> edgesByRoot = new HashMap<>();
        for (Edge e : edges) {
            edgesByRoot.computeIfAbsent(find(parent, e.low()), r -> new ArrayList<>()).add(e);
        }
        int merged = 0;
        List<Map.Entry<Long, List<Long>>> chunk = new ArrayList<>();
        int chunkMerges = 0;
        for (Map.Entry<Long, List<Long>> cluster : clusters.entrySet()) {
            chunk.add(cluster);
            chunkMerges += cluster.getValue().size() - 1;
            if (chunkMerges >= MERGE_CHUNK) {
                merged += mergeClusters(chunk, edgeOf, edgesByRoot, mergedNow);
                chunk.clear();
                chunkMerges = 0;
            }
        }
        merged += mergeClusters(chunk, edgeOf, edgesByRoot, mergedNow);
        return merged;
    }

    /** The resident ID number in its normalised form when valid, else null (then it constrains nothing). */
    private static String validIdNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ResidentIdNumber.of(raw).value();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long find(Map<Long, Long> parent, long id) {
        long root = id;
        Long up;
        while ((up = parent.putIfAbsent(root, root)) != null && up != root) {
            root = up;
        }
        for (long at = id; at != root; ) { // path compression
            long next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }

    /** The link pairs of a chunk into the queue (one statement); the pairs that are new to it, with their row ids. */
    private List<Edge> enqueueLinks(RecordLinkage engine, List<PreparedRecord> prepared, List<ScoredPair> chunk) {
        int n = chunk.size();
        Long[] lows = new Long[n];
        Long[] highs = new Long[n];
        Double[] probabilities = new Double[n];
        Double[] weights = new Double[n];
        String[] decisions = new String[n];
        String[] rules = new String[n];
        String[] explanations = new String[n];
        Map<String, String> why = new HashMap<>();
        for (int i = 0; i < n; i++) {
            PreparedRecord a = prepared.get(chunk.get(i).left());
            PreparedRecord b = prepared.get(chunk.get(i).right());
            long left = Long.parseLong(a.recordId());
            long right = Long.parseLong(b.recordId());
            MatchResult result = engine.compare(a, b);
            lows[i] = Math.min(left, right);
            highs[i] = Math.max(left, right);
            probabilities[i] = result.probability();
            weights[i] = result.weightBits();
            decisions[i] = result.decision().name();
            rules[i] = ReviewQueue.truncate(result.rule());
            explanations[i] = ReviewQueue.explanationJson(result.explanation());
            why.put(lows[i] + ":" + highs[i], ReviewQueue.truncate(result.rule().isEmpty()
                    ? "batch deduplication: match probability "
                            + String.format(java.util.Locale.ROOT, "%.6f", result.probability())
                    : "batch deduplication: " + result.rule()));
        }
        String insert = ReviewQueue.insertSql();
        String onConflict = insert.substring(insert.indexOf("on conflict"));
        List<Edge> fresh = transactions.execute(status -> jdbc.sql("""
                        insert into mpi.match_review as mr (resident_low, resident_high, probability, weight_bits,
                            engine_decision, engine_rule, explanation, source)
                        select low, high, probability, weight, decision, rule, cast(explanation as jsonb), :source
                        from unnest(:lows, :highs, :probabilities, :weights, :decisions, :rules, :explanations)
                            with ordinality as x(low, high, probability, weight, decision, rule, explanation, n)
                        order by n
                        """ + onConflict.replace("mpi.match_review.status", "mr.status") + " returning id, resident_low, resident_high")
                .param("lows", new SqlArrayValue("bigint", lows))
                .param("highs", new SqlArrayValue("bigint", highs))
                .param("probabilities", new SqlArrayValue("float8", probabilities))
                .param("weights", new SqlArrayValue("float8", weights))
                .param("decisions", new SqlArrayValue("text", decisions))
                .param("rules", new SqlArrayValue("text", rules))
                .param("explanations", new SqlArrayValue("text", explanations))
                .param("source", MatchReview.Source.BATCH.name())
                .query((rs, row) -> new Edge(rs.getLong(2), rs.getLong(3), rs.getLong(1),
                        why.get(rs.getLong(2) + ":" + rs.getLong(3))))
                .list());
        return fresh == null ? List.of() : fresh;
    }

    /**
     * Merges the clusters of one chunk in one transaction: locks their records, leaves out those no longer living
     * (merged or voided since they were read), merges members into the root in rounds (one member per survivor per
     * round) and marks the queue rows of their pairs {@code LINKED}.
     */
    private int mergeClusters(List<Map.Entry<Long, List<Long>>> chunk, Map<Long, Edge> edgeOf,
            Map<Long, List<Edge>> edgesByRoot, Set<Long> mergedNow) {
        if (chunk.isEmpty()) {
            return 0;
        }
        Integer merged = transactions.execute(status -> {
            List<Long> ids = chunk.stream().flatMap(c -> c.getValue().stream()).toList();
            Set<Long> living = merging.lockLiving(ids);
            List<List<ResidentMerging.Pair>> rounds = new ArrayList<>();
            for (Map.Entry<Long, List<Long>> cluster : chunk) {
                long root = cluster.getKey();
                if (!living.contains(root)) {
                    continue;
                }
                int round = 0;
                for (long member : cluster.getValue().stream().sorted().toList()) {
                    if (member == root || !living.contains(member)) {
                        continue;
                    }
                    if (rounds.size() == round) {
                        rounds.add(new ArrayList<>());
                    }
                    Edge e = edgeOf.get(member);
                    rounds.get(round++).add(new ResidentMerging.Pair(root, member, e.high() == member ? e.reviewId()
                            : null, e.why()));
                }
            }
            Map<Long, Long> mergeOf = new HashMap<>();
            for (List<ResidentMerging.Pair> round : rounds) {
                for (ResidentMerging.Done d : merging.mergeAll(round, BY, null)) {
                    mergeOf.put(d.mergedId(), d.mergeId());
                }
            }
            List<Edge> decided = chunk.stream().flatMap(c -> edgesByRoot.getOrDefault(c.getKey(), List.of()).stream())
                    .filter(e -> mergeOf.containsKey(e.high())).toList();
            jdbc.sql("""
                            update mpi.match_review q set status = 'LINKED', decided_at = now(), decided_by = :by,
                                decision_reason = x.why, merge_id = x.merge
                            from unnest(:ids, :whys, :merges) as x(id, why, merge)
                            where q.id = x.id
                            """)
                    .param("by", BY)
                    .param("ids", new SqlArrayValue("bigint", decided.stream().map(Edge::reviewId).toArray(Long[]::new)))
                    .param("whys", new SqlArrayValue("text", decided.stream().map(Edge::why).toArray(String[]::new)))
                    .param("merges", new SqlArrayValue("bigint",
                            decided.stream().map(e -> mergeOf.get(e.high())).toArray(Long[]::new)))
                    .update();
            mergedNow.addAll(mergeOf.keySet());
            return mergeOf.size();
        });
        return merged == null ? 0 : merged;
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
