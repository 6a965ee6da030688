package org.yiwang.mpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.matching.FieldAgreement;
import org.yiwang.mpi.matching.MatchResult;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * The match-review queue (issue 3, item 5): pairs of residents the matching engine could not decide alone, for a
 * registrar to link (merge, choosing the survivor) or mark as not a match. A not-a-match decision is remembered: the
 * pair never comes back. Decisions on the same pair are serialised: the first wins, later ones get
 * {@link MergeConflictException}. Every read of a pair and every decision is audited.
 */
@Service
@Transactional
public class ReviewQueue {

    static final String PURPOSE = "match review";

    /** Which pairs a page lists. */
    public enum Filter { PENDING, DECIDED }

    /** Order of a page: highest score first, or oldest first (pending) / latest decision first (decided). */
    public enum Order { SCORE, AGE }

    /** One page; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<MatchReview> reviews, String next) {
    }

    /** A pair with both residents' details for a field-by-field comparison. */
    public record Pair(MatchReview review, ResidentDetails low, ResidentDetails high) {
    }

    private static final String INSERT = """
            insert into mpi.match_review (resident_low, resident_high, probability, weight_bits, engine_decision,
                                          engine_rule, explanation, source)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
            on conflict (resident_low, resident_high) do update set probability = excluded.probability,
                weight_bits = excluded.weight_bits, engine_decision = excluded.engine_decision,
                engine_rule = excluded.engine_rule, explanation = excluded.explanation, source = excluded.source,
                status = 'PENDING', created_at = now(), decided_at = null, decided_by = null, decision_reason = null,
                merge_id = null
            where mpi.match_review.status = 'SUPERSEDED'
            """;

    private static final String COLUMNS = """
            id, resident_low, resident_high, probability, weight_bits, engine_decision, engine_rule,
            explanation::text, source, status, created_at, decided_at, decided_by, decision_reason, merge_id""";

    private final JdbcClient jdbc;
    private final ResidentQueries queries;
    private final ResidentMerging merging;
    private final LinkageRecords records;
    private final CurrentActor currentActor;
    private final AuditTrail auditTrail;
    private final MatchReviewProperties properties;
    private final RecordLinkage linkage;

    ReviewQueue(JdbcClient jdbc, ResidentQueries queries, ResidentMerging merging, LinkageRecords records,
            CurrentActor currentActor, AuditTrail auditTrail, MatchReviewProperties properties) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.merging = merging;
        this.records = records;
        this.currentActor = currentActor;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.linkage = RecordLinkage.chineseResidents().withThresholds(properties.thresholds());
    }

    /** Pending pairs, for a badge. */
    public long pendingCount() {
        return jdbc.sql("select count(*) from mpi.match_review where status = 'PENDING'").query(Long.class).single();
    }

    /**
     * A page of the queue ({@code yiwang.mpi.review.page-size} rows), keyset-paged: pass the previous page's
     * {@code next} as {@code after} (null for the first page). The residents listed are audited as shown.
     *
     * @throws IllegalArgumentException for a cursor that this method did not produce
     */
    public Page page(Filter filter, Order order, String after) {
        Cursor cursor = Cursor.parse(after);
        String sortKey;
        String where;
        String orderBy;
        if (filter == Filter.PENDING && order == Order.SCORE) {
            sortKey = "probability";
            where = "status = 'PENDING'" + (cursor == null ? "" : " and (probability < :key or probability = :key and id > :id)");
            orderBy = "probability desc, id";
        } else if (filter == Filter.PENDING) {
            sortKey = "created_at";
            where = "status = 'PENDING'" + (cursor == null ? "" : " and (created_at > :key or created_at = :key and id > :id)");
            orderBy = "created_at, id";
        } else if (order == Order.SCORE) {
            sortKey = "probability";
            where = "status <> 'PENDING'" + (cursor == null ? "" : " and (probability < :key or probability = :key and id > :id)");
            orderBy = "probability desc, id";
        } else {
            sortKey = "decided_at";
            where = "status <> 'PENDING'" + (cursor == null ? "" : " and (decided_at < :key or decided_at = :key and id > :id)");
            orderBy = "decided_at desc, id";
        }
        var spec = jdbc.sql("select " + COLUMNS + " from mpi.match_review where " + where + " order by " + orderBy
                + " limit :limit").param("limit", properties.pageSize() + 1);
        if (cursor != null) {
            spec = spec.param("key", sortKey.equals("probability") ? (Object) cursor.score() : cursor.time())
                    .param("id", cursor.id());
        }
        List<Row> rows = spec.query(ReviewQueue::row).list();
        String next = null;
        if (rows.size() > properties.pageSize()) {
            rows = rows.subList(0, properties.pageSize());
            Row last = rows.getLast();
            next = sortKey.equals("probability") ? Cursor.of(last.probability(), last.id())
                    : Cursor.of(sortKey.equals("created_at") ? last.createdAt() : last.decidedAt(), last.id());
        }
        List<MatchReview> reviews = withResidents(rows);
        reviews.forEach(r -> {
            audit(r.low().id(), "SHOW_MATCH_REVIEW", r.id());
            audit(r.high().id(), "SHOW_MATCH_REVIEW", r.id());
        });
        return new Page(reviews, next);
    }

    /** The pair with both residents' details (identifiers masked); audited for both residents. */
    public Optional<Pair> pair(long reviewId) {
        Optional<Row> row = jdbc.sql("select " + COLUMNS + " from mpi.match_review where id = :id")
                .param("id", reviewId).query(ReviewQueue::row).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        MatchReview review = withResidents(List.of(row.get())).getFirst();
        ResidentDetails low = queries.details(review.low().id()).orElseThrow();
        ResidentDetails high = queries.details(review.high().id()).orElseThrow();
        audit(low.id(), "VIEW_MATCH_REVIEW", reviewId);
        audit(high.id(), "VIEW_MATCH_REVIEW", reviewId);
        return Optional.of(new Pair(review, low, high));
    }

    /**
     * Links the pair: merges the other resident into {@code survivorId}. Returns the merge id.
     *
     * @throws ResidentInputException without a reason (at most 200 characters) or with a survivor not of the pair
     * @throws MergeConflictException when the pair was decided meanwhile, or a resident is no longer living
     */
    public long link(long reviewId, long survivorId, String reason) {
        Actor actor = registrar();
        return link(reviewId, survivorId, reason(reason, true), actor.username(), actor.actingOrganisationId());
    }

    long link(long reviewId, long survivorId, String why, String by, Long organisationId) {
        Row row = decide(reviewId, "LINKED", why, by);
        if (survivorId != row.low() && survivorId != row.high()) {
            throw new ResidentInputException(List.of(FieldProblem.of("survivorId", "mpi.review.error.SURVIVOR")));
        }
        long merged = survivorId == row.low() ? row.high() : row.low();
        long mergeId = merging.merge(survivorId, merged, reviewId, why, by, organisationId);
        jdbc.sql("update mpi.match_review set merge_id = :merge where id = :id")
                .param("merge", mergeId).param("id", reviewId).update();
        return mergeId;
    }

    /**
     * Records that the pair are different people; the pair never comes back to the queue.
     *
     * @throws MergeConflictException when the pair was decided meanwhile
     */
    public void notAMatch(long reviewId, String reason) {
        notAMatch(reviewId, reason(reason, false), registrar().username());
    }

    void notAMatch(long reviewId, String why, String by) {
        Row row = decide(reviewId, "NOT_A_MATCH", why, by);
        String objectId = Long.toString(reviewId);
        auditTrail.record(AuditEvent.write(row.low(), "DECIDE_NOT_A_MATCH", "MatchReview", objectId, PURPOSE));
        auditTrail.record(AuditEvent.write(row.high(), "DECIDE_NOT_A_MATCH", "MatchReview", objectId, PURPOSE));
    }

    /**
     * Puts registrations made although likely existing residents were shown (and edits that make a record look like
     * another) into the queue: each candidate the engine does not call a non-match is paired with the resident.
     * Pairs queued or decided before are left alone. Returns how many pairs were queued.
     */
    int enqueueCandidates(long residentId, Collection<Long> candidateIds, MatchReview.Source source) {
        if (candidateIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(candidateIds));
        ids.add(0, residentId);
        Map<Long, PreparedRecord> prepared = records.load(ids);
        PreparedRecord self = prepared.get(residentId);
        int queued = 0;
        for (long candidate : candidateIds) {
            PreparedRecord other = prepared.get(candidate);
            if (candidate == residentId || other == null) {
                continue;
            }
            MatchResult result = linkage.compare(self, other);
            // link-level candidates too: at registration a person decides, nothing merges by itself
            if (result.decision() != org.yiwang.mpi.matching.Decision.NON_MATCH) {
                queued += enqueue(residentId, candidate, result, source) ? 1 : 0;
            }
        }
        return queued;
    }

    /** Queues a pair unless it is queued or decided already (a superseded pair is queued again). */
    boolean enqueue(long a, long b, MatchResult result, MatchReview.Source source) {
        return jdbc.sql(INSERT.replace("?", "%s").formatted(":low", ":high", ":probability", ":weight", ":decision",
                        ":rule", ":explanation", ":source"))
                .param("low", Math.min(a, b)).param("high", Math.max(a, b))
                .param("probability", result.probability()).param("weight", result.weightBits())
                .param("decision", result.decision().name()).param("rule", truncate(result.rule()))
                .param("explanation", explanationJson(result.explanation())).param("source", source.name())
                .update() > 0;
    }

    static String insertSql() {
        return INSERT;
    }

    static String truncate(String rule) {
        return rule.length() <= 200 ? rule : rule.substring(0, 200);
    }

    /** The explanation as JSON: field and level names are the engine's ASCII identifiers. */
    static String explanationJson(List<FieldAgreement> explanation) {
        return explanation.stream()
                .map(f -> String.format(Locale.ROOT, "{\"field\":\"%s\",\"level\":\"%s\",\"weightBits\":%.4f}",
                        f.field(), f.level(), f.weightBits()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private Row decide(long reviewId, String status, String reason, String by) {
        List<Row> decided = jdbc.sql("update mpi.match_review set status = :status, decided_at = now(), "
                        + "decided_by = :by, decision_reason = :reason where id = :id and status = 'PENDING' "
                        + "returning " + COLUMNS)
                .param("status", status).param("by", by).param("reason", reason).param("id", reviewId)
                .query(ReviewQueue::row).list();
        if (decided.isEmpty()) {
            boolean exists = jdbc.sql("select count(*) from mpi.match_review where id = :id").param("id", reviewId)
                    .query(Long.class).single() > 0;
            if (!exists) {
                throw new ResidentNotFoundException(reviewId);
            }
            throw new MergeConflictException("mpi.review.error.ALREADY_DECIDED",
                    "review " + reviewId + " was decided already");
        }
        return decided.getFirst();
    }

    private Actor registrar() {
        Actor actor = currentActor.require();
        if (!actor.hasRole(org.yiwang.platform.security.Role.REGISTRAR)) {
            throw new AccessDeniedException("deciding match reviews needs the registrar role");
        }
        return actor;
    }

    private static String reason(String reason, boolean required) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null && required) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.REQUIRED")));
        }
        if (why != null && why.length() > 200) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.TOO_LONG", 200)));
        }
        return why;
    }

    private void audit(long residentId, String action, long reviewId) {
        auditTrail.record(AuditEvent.read(residentId, action, "MatchReview", Long.toString(reviewId), PURPOSE));
    }

    private List<MatchReview> withResidents(List<Row> rows) {
        Collection<Long> ids = new LinkedHashSet<>();
        rows.forEach(r -> {
            ids.add(r.low());
            ids.add(r.high());
        });
        Map<Long, ResidentListItem> items = queries.listItems(ids).stream()
                .collect(Collectors.toMap(ResidentListItem::id, Function.identity()));
        return rows.stream().map(r -> new MatchReview(r.id(), items.get(r.low()), items.get(r.high()), r.probability(),
                r.weightBits(), r.engineDecision(), r.engineRule(), r.explanation(), r.source(), r.status(),
                r.createdAt(), r.decidedAt(), r.decidedBy(), r.reason(), r.mergeId())).toList();
    }

    record Row(long id, long low, long high, double probability, double weightBits, String engineDecision,
            String engineRule, List<MatchReview.FieldWeight> explanation, MatchReview.Source source,
            MatchReview.Status status, Instant createdAt, Instant decidedAt, String decidedBy, String reason,
            Long mergeId) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6),
                rs.getString(7), parseExplanation(rs.getString(8)), MatchReview.Source.valueOf(rs.getString(9)),
                MatchReview.Status.valueOf(rs.getString(10)), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), rs.getString(13), rs.getString(14), rs.getObject(15, Long.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Parses what {@link #explanationJson} wrote (jsonb normalises spacing: {"field": "name", ...}). */
    static List<MatchReview.FieldWeight> parseExplanation(String json) {
        List<MatchReview.FieldWeight> fields = new ArrayList<>();
        for (String object : json.split("}")) {
            String field = value(object, "field");
            if (field == null) {
                continue;
            }
            fields.add(new MatchReview.FieldWeight(field, value(object, "level"),
                    Double.parseDouble(value(object, "weightBits"))));
        }
        return fields;
    }

    private static String value(String object, String key) {
        int at = object.indexOf("\"" + key + "\"");
        if (at < 0) {
            return null;
        }
        int colon = object.indexOf(':', at);
        int end = colon + 1;
        while (end < object.length() && object.charAt(end) != ',' && object.charAt(end) != '}') {
            end++;
        }
        return object.substring(colon + 1, end).strip().replace("\"", "");
    }

    /** Keyset cursor: sort key and id, as {@code s<score>~<id>} or {@code t<epoch micros>~<id>}. */
    record Cursor(double score, Timestamp time, long id) {

        static String of(double score, long id) {
            return "s" + Double.toString(score) + "~" + id;
        }

        static String of(Instant time, long id) {
            long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
            return "t" + micros + "~" + id;
        }

        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                int tilde = text.indexOf('~');
                long id = Long.parseLong(text.substring(tilde + 1));
                String key = text.substring(1, tilde);
                if (text.charAt(0) == 's') {
                    return new Cursor(Double.parseDouble(key), null, id);
                }
                if (text.charAt(0) == 't') {
                    long micros = Long.parseLong(key);
                    Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1000);
                    return new Cursor(0, Timestamp.from(at), id);
                }
            } catch (RuntimeException e) {
                // fall through
            }
            throw new IllegalArgumentException("not a page cursor: " + text);
        }
    }
}
