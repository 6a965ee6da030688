package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The record-linkage engine: prepares records, gives their blocking keys, compares pairs field by field, scores
 * them with Fellegi–Sunter weights (with name-frequency adjustment), applies the profile's deterministic rules
 * and the two thresholds, and explains each decision. Batch methods take an {@link Executor} from the caller to
 * spread work over cores (the core starts no threads); pass {@code Runnable::run} to stay on the caller's thread.
 * Immutable and thread-safe.
 */
public final class RecordLinkage {

    /** Cap of the name-frequency adjustment in bits: rare names gain at most this much. */
    static final double MAX_FREQUENCY_BONUS = 2;
    /** Common names lose at most this much. */
    static final double MAX_FREQUENCY_PENALTY = 8;

    private final LinkageProfile profile;
    private final MatchModel model;
    private final MatchThresholds thresholds;
    private final NameFrequencies frequencies;
    private final List<FieldComparison> comparisons;
    private final double[][] weights;
    private final double priorWeight;

    public RecordLinkage(LinkageProfile profile, MatchModel model, MatchThresholds thresholds,
                         NameFrequencies frequencies) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.comparisons = profile.comparisons();
        this.model = model.requireCompatible(comparisons);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.frequencies = Objects.requireNonNull(frequencies, "frequencies");
        this.weights = new double[comparisons.size()][];
        for (int f = 0; f < comparisons.size(); f++) {
            MatchModel.FieldParameters parameters = model.fields().get(f);
            weights[f] = new double[parameters.levels().size()];
            for (int l = 0; l < weights[f].length; l++) {
                weights[f][l] = parameters.weight(l);
            }
        }
        this.priorWeight = model.priorWeight();
        if (comparisons.size() > 15) {
            throw new IllegalArgumentException("at most 15 fields");
        }
    }

    /** Chinese residents with the default model and thresholds and no frequency table. */
    public static RecordLinkage chineseResidents() {
        LinkageProfile profile = LinkageProfile.chineseResidents();
        return new RecordLinkage(profile, profile.defaultModel(), MatchThresholds.chineseResidentDefaults(),
                NameFrequencies.none());
    }

    public RecordLinkage withModel(MatchModel fitted) {
        return new RecordLinkage(profile, fitted, thresholds, frequencies);
    }

    public RecordLinkage withThresholds(MatchThresholds newThresholds) {
        return new RecordLinkage(profile, model, newThresholds, frequencies);
    }

    public RecordLinkage withFrequencies(NameFrequencies newFrequencies) {
        return new RecordLinkage(profile, model, thresholds, newFrequencies);
    }

    public LinkageProfile profile() {
        return profile;
    }

    public MatchModel model() {
        return model;
    }

    public MatchThresholds thresholds() {
        return thresholds;
    }

    /** Normalises a record once for many comparisons. */
    public static PreparedRecord prepare(PersonRecord record) {
        return PreparedRecord.of(record);
    }

    /** Prepares many records in chunks on the executor; the list keeps the input order. */
    public static List<PreparedRecord> prepareAll(List<PersonRecord> records, Executor executor) {
        PreparedRecord[] prepared = new PreparedRecord[records.size()];
        forChunks(records.size(), executor, (from, to) -> {
            for (int i = from; i < to; i++) {
                prepared[i] = PreparedRecord.of(records.get(i));
            }
        });
        return java.util.Arrays.asList(prepared);
    }

    /** The blocking keys of a record (store and index them to find candidates of a new registration). */
    public List<BlockingKey> blockingKeys(PreparedRecord record) {
        return profile.blockingKeys(record);
    }

    /** Agreement level per field ({@link FieldComparison#MISSING} where a value is missing). */
    public int[] levels(PreparedRecord a, PreparedRecord b) {
        int[] levels = new int[comparisons.size()];
        for (int f = 0; f < levels.length; f++) {
            levels[f] = comparisons.get(f).compare(a, b);
        }
        return levels;
    }

    /** The levels packed into one long, 4 bits a field (level + 1; 0 = missing). */
    public long pattern(PreparedRecord a, PreparedRecord b) {
        return encode(levels(a, b));
    }

    static long encode(int[] levels) {
        long pattern = 0;
        for (int f = 0; f < levels.length; f++) {
            pattern |= (long) (levels[f] + 1) << (4 * f);
        }
        return pattern;
    }

    static int[] decode(long pattern, int fields) {
        int[] levels = new int[fields];
        for (int f = 0; f < fields; f++) {
            levels[f] = (int) ((pattern >>> (4 * f)) & 0xF) - 1;
        }
        return levels;
    }

    /** Compares two records and explains the result field by field. */
    public MatchResult compare(PreparedRecord a, PreparedRecord b) {
        int[] levels = levels(a, b);
        List<FieldAgreement> explanation = new ArrayList<>(levels.length + 1);
        double weight = priorWeight;
        for (int f = 0; f < levels.length; f++) {
            FieldComparison comparison = comparisons.get(f);
            if (levels[f] == FieldComparison.MISSING) {
                explanation.add(new FieldAgreement(comparison.field(), "MISSING", 0));
                continue;
            }
            double w = weights[f][levels[f]] + frequencyAdjustment(f, levels[f], a);
            weight += w;
            explanation.add(new FieldAgreement(comparison.field(), comparison.levels().get(levels[f]), w));
        }
        double probability = probability(weight);
        LinkageProfile.RuleDecision rule = profile.rule(a, b, levels);
        Decision decision = rule != null ? rule.apply(thresholds.decide(probability)) : thresholds.decide(probability);
        return new MatchResult(a.recordId(), b.recordId(), weight, probability, decision,
                rule == null ? "" : rule.rule(), explanation);
    }

    /**
     * The likely existing residents for a new registration: compares the probe with each candidate (found through
     * the blocking keys) and returns those not judged a non-match, best first, at most {@code limit}.
     */
    public List<MatchResult> likelyMatches(PreparedRecord probe, List<PreparedRecord> candidates, int limit) {
        return candidates.stream().map(candidate -> compare(probe, candidate))
                .filter(result -> result.decision() != Decision.NON_MATCH)
                .sorted(java.util.Comparator.comparingDouble(MatchResult::weightBits).reversed()
                        .thenComparing(MatchResult::rightRecordId))
                .limit(limit).toList();
    }

    /** Scores one pair of a batch without building an explanation. */
    public ScoredPair score(int left, int right, PreparedRecord a, PreparedRecord b) {
        return score(left, right, a, b, levels(a, b));
    }

    private ScoredPair score(int left, int right, PreparedRecord a, PreparedRecord b, int[] levels) {
        double weight = priorWeight;
        for (int f = 0; f < levels.length; f++) {
            if (levels[f] != FieldComparison.MISSING) {
                weight += weights[f][levels[f]] + frequencyAdjustment(f, levels[f], a);
            }
        }
        double probability = probability(weight);
        LinkageProfile.RuleDecision rule = profile.rule(a, b, levels);
        Decision decision = rule != null ? rule.apply(thresholds.decide(probability)) : thresholds.decide(probability);
        return new ScoredPair(left, right, weight, probability, decision, rule != null);
    }

    private double frequencyAdjustment(int field, int level, PreparedRecord a) {
        if (field != profile.frequencyAdjustedField() || level < profile.frequencyAdjustedFromLevel()) {
            return 0;
        }
        String key = profile.frequencyKey(a);
        double share = key == null ? 0 : frequencies.share(key);
        double reference = frequencies.agreementChance();
        if (share <= 0 || reference <= 0) {
            return 0;
        }
        double bits = Math.log(reference / share) / Math.log(2);
        return Math.max(-MAX_FREQUENCY_PENALTY, Math.min(MAX_FREQUENCY_BONUS, bits));
    }

    static double probability(double weightBits) {
        return 1 / (1 + Math.pow(2, -weightBits));
    }

    /** Agreement patterns of all candidate pairs, computed in chunks on the executor. */
    public long[] patterns(List<PreparedRecord> records, CandidatePairs pairs, Executor executor) {
        long[] patterns = new long[pairs.size()];
        forChunks(pairs.size(), executor, (from, to) -> {
            for (int k = from; k < to; k++) {
                patterns[k] = pattern(records.get(pairs.left(k)), records.get(pairs.right(k)));
            }
        });
        return patterns;
    }

    /** Scores all candidate pairs from their patterns (as returned by {@link #patterns}). */
    public ScoredPair[] scoreAll(List<PreparedRecord> records, CandidatePairs pairs, long[] patterns,
                                 Executor executor) {
        ScoredPair[] scored = new ScoredPair[pairs.size()];
        int fields = comparisons.size();
        forChunks(pairs.size(), executor, (from, to) -> {
            for (int k = from; k < to; k++) {
                int i = pairs.left(k);
                int j = pairs.right(k);
                scored[k] = score(i, j, records.get(i), records.get(j), decode(patterns[k], fields));
            }
        });
        return scored;
    }

    /**
     * Settings of a batch run: the largest block compared; whether to fit the model by EM; EM's limits; how many
     * pseudo-random record pairs estimate u (0: EM estimates u from the candidates too) and their seed.
     */
    public record BatchOptions(int maxBlockSize, boolean fitModel, int maxIterations, double tolerance,
                               int randomPairsForU, long seed) {

        public static BatchOptions defaults() {
            return new BatchOptions(500, true, 500, 1e-6, 1_000_000, 20_261_123L);
        }

        public BatchOptions withMaxBlockSize(int size) {
            return new BatchOptions(size, fitModel, maxIterations, tolerance, randomPairsForU, seed);
        }
    }

    /**
     * The outcome of a batch: candidate pairs, the model used (fitted by EM when asked), EM iterations, and
     * every candidate pair scored, in the order of the candidates.
     */
    public record BatchResult(CandidatePairs candidates, RecordLinkage linkage, int emIterations,
                              boolean emConverged, ScoredPair[] scored) {
    }

    /**
     * Deduplicates one list: blocking, agreement patterns, EM fit (when asked) starting from this engine's model,
     * name frequencies counted on the list, scoring.
     */
    public BatchResult deduplicate(List<PreparedRecord> records, BatchOptions options, Executor executor) {
        CandidatePairs pairs = Blocking.deduplication(profile, records, options.maxBlockSize(), executor);
        return run(records, pairs, options, executor);
    }

    /** Links two lists; pair positions are (i, left.size() + j). */
    public BatchResult link(List<PreparedRecord> left, List<PreparedRecord> right, BatchOptions options,
                            Executor executor) {
        CandidatePairs pairs = Blocking.linkage(profile, left, right, options.maxBlockSize());
        List<PreparedRecord> both = new ArrayList<>(left.size() + right.size());
        both.addAll(left);
        both.addAll(right);
        return run(both, pairs, options, executor);
    }

    private BatchResult run(List<PreparedRecord> records, CandidatePairs pairs, BatchOptions options,
                            Executor executor) {
        long[] patterns = patterns(records, pairs, executor);
        RecordLinkage engine = withFrequencies(NameFrequencies.count(records, profile));
        int iterations = 0;
        boolean converged = false;
        if (options.fitModel() && pairs.size() > 0) {
            Map<Long, Long> counts = ExpectationMaximisation.countPatterns(patterns);
            ExpectationMaximisation.Fit fit = ExpectationMaximisation.fit(model, counts, options.maxIterations(),
                    options.tolerance());
            if (options.randomPairsForU() > 0) {
                double[][] randomU = ExpectationMaximisation.estimateU(comparisons, records,
                        options.randomPairsForU(), options.seed(), executor);
                for (int f = 0; f < randomU.length; f++) {
                    if (!profile.uFromRandomPairs(f)) {
                        randomU[f] = null;
                    }
                }
                MatchModel withRandomU = fit.model().withU(randomU);
                ExpectationMaximisation.Fit prior = ExpectationMaximisation.fitPrior(withRandomU, counts,
                        options.maxIterations(), options.tolerance());
                fit = new ExpectationMaximisation.Fit(prior.model(), fit.iterations() + prior.iterations(),
                        fit.converged() && prior.converged());
            }
            engine = engine.withModel(fit.model());
            iterations = fit.iterations();
            converged = fit.converged();
        }
        return new BatchResult(pairs, engine, iterations, converged, engine.scoreAll(records, pairs, patterns,
                executor));
    }

    private interface Chunk {
        void run(int from, int to);
    }

    private static void forChunks(int size, Executor executor, Chunk chunk) {
        int chunks = Math.max(1, Math.min(64, size / 10_000));
        if (chunks == 1) {
            chunk.run(0, size);
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) size * c / chunks);
            int to = (int) ((long) size * (c + 1) / chunks);
            futures.add(CompletableFuture.runAsync(() -> chunk.run(from, to), executor));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
