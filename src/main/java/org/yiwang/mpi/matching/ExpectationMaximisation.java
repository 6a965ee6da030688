package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the Fellegi–Sunter parameters (match prior, m and u per field level) by expectation–maximisation
 * over the agreement patterns of the candidate pairs, never from a truth. Pairs with the same pattern are
 * counted together, so an iteration costs the number of distinct patterns (hundreds), not of pairs.
 */
public final class ExpectationMaximisation {

    /** Small floor for probabilities so that no level gets an infinite weight. */
    static final double FLOOR = 1e-5;

    private ExpectationMaximisation() {
    }

    /** The fitted model, the iterations used and whether the parameters stopped moving. */
    public record Fit(MatchModel model, int iterations, boolean converged) {
    }

    /** Agreement patterns and their counts. */
    public static Map<Long, Long> countPatterns(long[] patterns) {
        Map<Long, Long> counts = new HashMap<>();
        for (long pattern : patterns) {
            counts.merge(pattern, 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Fits from {@code start} until no parameter moves by more than {@code tolerance} or {@code maxIterations}.
     *
     * @param patternCounts agreement pattern (see {@link RecordLinkage#pattern}) → number of pairs
     */
    public static Fit fit(MatchModel start, Map<Long, Long> patternCounts, int maxIterations, double tolerance) {
        return fit(start, patternCounts, maxIterations, tolerance, false, false);
    }

    /**
     * Fits the prior only: m and u stay as given (e.g. m from {@link #fit} and u from {@link #estimateU}).
     */
    public static Fit fitPrior(MatchModel start, Map<Long, Long> patternCounts, int maxIterations, double tolerance) {
        return fit(start, patternCounts, maxIterations, tolerance, true, true);
    }

    private static Fit fit(MatchModel start, Map<Long, Long> patternCounts, int maxIterations, double tolerance,
                           boolean fixedM, boolean fixedU) {
        int fields = start.fields().size();
        int patterns = patternCounts.size();
        int[][] levels = new int[patterns][fields];
        double[] counts = new double[patterns];
        int k = 0;
        for (Map.Entry<Long, Long> entry : patternCounts.entrySet()) {
            levels[k] = RecordLinkage.decode(entry.getKey(), fields);
            counts[k] = entry.getValue();
            k++;
        }
        double prior = start.matchPrior();
        double[][] m = new double[fields][];
        double[][] u = new double[fields][];
        for (int f = 0; f < fields; f++) {
            m[f] = start.fields().get(f).m();
            u[f] = start.fields().get(f).u();
        }
        double[] g = new double[patterns];
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged) {
            iteration++;
            double matches = 0;
            double total = 0;
            for (int p = 0; p < patterns; p++) {
                double logM = Math.log(prior);
                double logU = Math.log(1 - prior);
                for (int f = 0; f < fields; f++) {
                    int level = levels[p][f];
                    if (level >= 0) {
                        logM += Math.log(m[f][level]);
                        logU += Math.log(u[f][level]);
                    }
                }
                g[p] = 1 / (1 + Math.exp(logU - logM));
                matches += counts[p] * g[p];
                total += counts[p];
            }
            double newPrior = clamp(matches / total);
            double change = Math.abs(newPrior - prior);
            prior = newPrior;
            for (int f = 0; f < fields; f++) {
                int levelCount = m[f].length;
                double[] mSum = new double[levelCount];
                double[] uSum = new double[levelCount];
                for (int p = 0; p < patterns; p++) {
                    int level = levels[p][f];
                    if (level >= 0) {
                        mSum[level] += counts[p] * g[p];
                        uSum[level] += counts[p] * (1 - g[p]);
                    }
                }
                double[] newM = fixedM ? m[f] : normalise(mSum);
                double[] newU = fixedU ? u[f] : normalise(uSum);
                for (int l = 0; l < levelCount; l++) {
                    change = Math.max(change, Math.max(Math.abs(newM[l] - m[f][l]), Math.abs(newU[l] - u[f][l])));
                }
                m[f] = newM;
                u[f] = newU;
            }
            converged = change < tolerance;
        }
        List<MatchModel.FieldParameters> parameters = new ArrayList<>(fields);
        for (int f = 0; f < fields; f++) {
            MatchModel.FieldParameters old = start.fields().get(f);
            parameters.add(new MatchModel.FieldParameters(old.field(), old.levels(), m[f], u[f]));
        }
        return new Fit(new MatchModel(start.profile(), prior, parameters), iteration, converged);
    }

    /**
     * u per field and level from pseudo-random record pairs (almost all of which are different persons): the
     * chance that two different persons agree at each level. Blocked candidate pairs over-represent agreement
     * (families share a phone and an address), so u from them would understate the evidence of agreement.
     * Deterministic for a seed; zero counts are smoothed by half a pair. When the batch has no more pairs than
     * {@code samplePairs}, every pair is counted instead.
     */
    public static double[][] estimateU(List<FieldComparison> comparisons, List<PreparedRecord> records,
                                       int samplePairs, long seed) {
        return estimateU(comparisons, records, samplePairs, seed, Runnable::run);
    }

    /**
     * As {@link #estimateU(List, List, int, long)} in 8 deterministic slices (seeds {@code seed+slice}) on the
     * executor: the result does not depend on the executor.
     */
    public static double[][] estimateU(List<FieldComparison> comparisons, List<PreparedRecord> records,
                                       int samplePairs, long seed, java.util.concurrent.Executor executor) {
        int slices = 8;
        int fields = comparisons.size();
        long n = records.size();
        boolean everyPair = n * (n - 1) / 2 <= samplePairs;
        double[][][] sliceCounts = new double[slices][][];
        List<java.util.concurrent.CompletableFuture<Void>> futures = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int index = slice;
            int pairs = samplePairs / slices + (slice < samplePairs % slices ? 1 : 0);
            futures.add(java.util.concurrent.CompletableFuture.runAsync(() -> sliceCounts[index] = everyPair
                    ? countAllLevels(comparisons, records, index, slices)
                    : countLevels(comparisons, records, pairs, seed + index), executor));
        }
        java.util.concurrent.CompletableFuture.allOf(futures.toArray(java.util.concurrent.CompletableFuture[]::new))
                .join();
        double[][] counts = new double[fields][];
        for (int f = 0; f < fields; f++) {
            counts[f] = new double[comparisons.get(f).levels().size()];
            for (double[][] slice : sliceCounts) {
                for (int l = 0; l < counts[f].length; l++) {
                    counts[f][l] += slice[f][l];
                }
            }
        }
        return smoothed(counts);
    }

    /** Every pair (i, j > i) with {@code i % slices == slice}: exact counts for a small batch. */
    private static double[][] countAllLevels(List<FieldComparison> comparisons, List<PreparedRecord> records,
                                             int slice, int slices) {
        int fields = comparisons.size();
        double[][] counts = new double[fields][];
        for (int f = 0; f < fields; f++) {
            counts[f] = new double[comparisons.get(f).levels().size()];
        }
        for (int i = slice; i < records.size(); i += slices) {
            PreparedRecord a = records.get(i);
            for (int j = i + 1; j < records.size(); j++) {
                PreparedRecord b = records.get(j);
                for (int f = 0; f < fields; f++) {
                    int level = comparisons.get(f).compare(a, b);
                    if (level >= 0) {
                        counts[f][level]++;
                    }
                }
            }
        }
        return counts;
    }

    private static double[][] countLevels(List<FieldComparison> comparisons, List<PreparedRecord> records,
                                          int samplePairs, long seed) {
        int n = records.size();
        int fields = comparisons.size();
        double[][] counts = new double[fields][];
        for (int f = 0; f < fields; f++) {
            counts[f] = new double[comparisons.get(f).levels().size()];
        }
        if (n >= 2) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int s = 0; s < samplePairs; s++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
                PreparedRecord a = records.get(i);
                PreparedRecord b = records.get(j);
                for (int f = 0; f < fields; f++) {
                    int level = comparisons.get(f).compare(a, b);
                    if (level >= 0) {
                        counts[f][level]++;
                    }
                }
            }
        }
        return counts;
    }

    private static double[][] smoothed(double[][] counts) {
        int fields = counts.length;
        double[][] u = new double[fields][];
        for (int f = 0; f < fields; f++) {
            double total = 0;
            for (double c : counts[f]) {
                total += c + 0.5;
            }
            u[f] = new double[counts[f].length];
            for (int l = 0; l < u[f].length; l++) {
                u[f][l] = (counts[f][l] + 0.5) / total;
            }
        }
        return u;
    }

    private static double[] normalise(double[] sums) {
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        double[] out = new double[sums.length];
        double renormalise = 0;
        for (int l = 0; l < sums.length; l++) {
            out[l] = Math.max(FLOOR, total > 0 ? sums[l] / total : 1.0 / sums.length);
            renormalise += out[l];
        }
        for (int l = 0; l < sums.length; l++) {
            out[l] /= renormalise;
        }
        return out;
    }

    private static double clamp(double prior) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, prior));
    }
}
