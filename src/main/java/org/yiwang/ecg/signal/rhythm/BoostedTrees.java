package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Gradient-boosted regression trees for a binary outcome (logistic loss, second-order leaf values as in XGBoost),
 * in plain Java, deterministic (no sampling). Trees are stored heap-style: node {@code k} has children
 * {@code 2k+1} and {@code 2k+2}; a node whose feature is -1 is a leaf. A missing value (NaN) goes left.
 *
 * @param bias      log-odds before the first tree
 * @param features  per tree, per node: split feature or -1
 * @param thresholds per tree, per node: go left when {@code x <= threshold} (or NaN)
 * @param values    per tree, per node: leaf value (log-odds, learning rate applied)
 */
public record BoostedTrees(double bias, int[][] features, double[][] thresholds, double[][] values) {

    /**
     * Fitting settings.
     *
     * @param trees        boosting rounds
     * @param depth        depth of each tree
     * @param learningRate shrinkage of every tree
     * @param minimumHessian smallest hessian sum (≈ weighted sample count) in a leaf
     * @param l2           L2 penalty on leaf values
     */
    public record Settings(int trees, int depth, double learningRate, double minimumHessian, double l2) {

        public static Settings defaults() {
            return new Settings(150, 3, 0.1, 3, 1);
        }
    }

    public BoostedTrees {
        if (features.length != thresholds.length || features.length != values.length) {
            throw new IllegalArgumentException("every tree needs features, thresholds and values");
        }
    }

    /** Log-odds of the outcome. */
    public double logOdds(double[] x) {
        double z = bias;
        for (int t = 0; t < features.length; t++) {
            int[] f = features[t];
            int k = 0;
            while (f[k] >= 0) {
                double v = x[f[k]];
                k = Double.isNaN(v) || v <= thresholds[t][k] ? 2 * k + 1 : 2 * k + 2;
            }
            z += values[t][k];
        }
        return z;
    }

    public double probability(double[] x) {
        return 1 / (1 + Math.exp(-logOdds(x)));
    }

    public int trees() {
        return features.length;
    }

    public static BoostedTrees fit(double[][] x, boolean[] outcome, Settings settings) {
        int n = x.length;
        if (n == 0 || n != outcome.length) {
            throw new IllegalArgumentException("need as many outcomes as rows, and at least one");
        }
        int dimensions = x[0].length;
        // Rows sorted by each feature once (NaN first, so it falls on the left of every split).
        int[][] order = new int[dimensions][];
        for (int j = 0; j < dimensions; j++) {
            final int feature = j;
            order[j] = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Double.compare(key(x[a][feature]), key(x[b][feature])))
                    .mapToInt(Integer::intValue).toArray();
        }
        int positives = 0;
        for (boolean o : outcome) {
            positives += o ? 1 : 0;
        }
        double rate = Math.min(n - 0.5, Math.max(0.5, positives)) / n;
        double bias = Math.log(rate / (1 - rate));
        double[] z = new double[n];
        Arrays.fill(z, bias);
        int nodes = (1 << (settings.depth() + 1)) - 1;
        List<int[]> treeFeatures = new ArrayList<>();
        List<double[]> treeThresholds = new ArrayList<>();
        List<double[]> treeValues = new ArrayList<>();
        double[] g = new double[n];
        double[] h = new double[n];
        int[] node = new int[n];
        for (int t = 0; t < settings.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-z[i]));
                g[i] = p - (outcome[i] ? 1 : 0);
                h[i] = Math.max(p * (1 - p), 1e-9);
            }
            int[] f = new int[nodes];
            double[] thr = new double[nodes];
            double[] val = new double[nodes];
            Arrays.fill(f, -1);
            Arrays.fill(node, 0);
            boolean[] open = new boolean[nodes];
            open[0] = true;
            for (int level = 0; level < settings.depth(); level++) {
                int first = (1 << level) - 1;
                int count = 1 << level;
                double[] gSum = new double[count];
                double[] hSum = new double[count];
                for (int i = 0; i < n; i++) {
                    int k = node[i] - first;
                    if (k >= 0 && k < count && open[node[i]]) {
                        gSum[k] += g[i];
                        hSum[k] += h[i];
                    }
                }
                double[] bestGain = new double[count];
                int[] bestFeature = new int[count];
                double[] bestThreshold = new double[count];
                Arrays.fill(bestFeature, -1);
                for (int j = 0; j < dimensions; j++) {
                    double[] gLeft = new double[count];
                    double[] hLeft = new double[count];
                    double[] lastValue = new double[count];
                    Arrays.fill(lastValue, Double.NaN);
                    boolean[] seen = new boolean[count];
                    for (int r : order[j]) {
                        int k = node[r] - first;
                        if (k < 0 || k >= count || !open[node[r]]) {
                            continue;
                        }
                        double v = key(x[r][j]);
                        // Candidate split between the previous value and this one.
                        if (seen[k] && v > lastValue[k] && hLeft[k] >= settings.minimumHessian()
                                && hSum[k] - hLeft[k] >= settings.minimumHessian()) {
                            double gl = gLeft[k];
                            double hl = hLeft[k];
                            double gr = gSum[k] - gl;
                            double hr = hSum[k] - hl;
                            double gain = gl * gl / (hl + settings.l2()) + gr * gr / (hr + settings.l2())
                                    - gSum[k] * gSum[k] / (hSum[k] + settings.l2());
                            if (gain > bestGain[k] + 1e-12) {
                                bestGain[k] = gain;
                                bestFeature[k] = j;
                                bestThreshold[k] = lastValue[k] == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE
                                        : (lastValue[k] + v) / 2;
                            }
                        }
                        gLeft[k] += g[r];
                        hLeft[k] += h[r];
                        lastValue[k] = v;
                        seen[k] = true;
                    }
                }
                for (int k = 0; k < count; k++) {
                    int id = first + k;
                    if (open[id] && bestFeature[k] >= 0) {
                        f[id] = bestFeature[k];
                        thr[id] = bestThreshold[k];
                        open[2 * id + 1] = true;
                        open[2 * id + 2] = true;
                    }
                    open[id] = open[id] && bestFeature[k] < 0; // a split node is no longer a leaf
                }
                for (int i = 0; i < n; i++) {
                    int id = node[i];
                    if (f[id] >= 0) {
                        double v = x[i][f[id]];
                        node[i] = Double.isNaN(v) || v <= thr[id] ? 2 * id + 1 : 2 * id + 2;
                    }
                }
            }
            double[] gLeaf = new double[nodes];
            double[] hLeaf = new double[nodes];
            for (int i = 0; i < n; i++) {
                gLeaf[node[i]] += g[i];
                hLeaf[node[i]] += h[i];
            }
            for (int id = 0; id < nodes; id++) {
                if (f[id] < 0) {
                    val[id] = -settings.learningRate() * gLeaf[id] / (hLeaf[id] + settings.l2());
                }
            }
            for (int i = 0; i < n; i++) {
                z[i] += val[node[i]];
            }
            treeFeatures.add(f);
            treeThresholds.add(thr);
            treeValues.add(val);
        }
        return new BoostedTrees(bias, treeFeatures.toArray(int[][]::new), treeThresholds.toArray(double[][]::new),
                treeValues.toArray(double[][]::new));
    }

    private static double key(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /**
     * Text form, one tree a line: {@code feature:threshold:value} per node separated by spaces; the first line is
     * the bias. {@link #parse} reads it back exactly.
     */
    public String format() {
        StringBuilder out = new StringBuilder(Double.toString(bias)).append('\n');
        for (int t = 0; t < features.length; t++) {
            for (int k = 0; k < features[t].length; k++) {
                if (k > 0) {
                    out.append(' ');
                }
                out.append(features[t][k]).append(':').append(thresholds[t][k]).append(':').append(values[t][k]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static BoostedTrees parse(String text) {
        String[] lines = text.strip().split("\\R");
        double bias = Double.parseDouble(lines[0].strip());
        int trees = lines.length - 1;
        int[][] f = new int[trees][];
        double[][] thr = new double[trees][];
        double[][] val = new double[trees][];
        for (int t = 0; t < trees; t++) {
            String[] nodes = lines[t + 1].strip().split(" ");
            f[t] = new int[nodes.length];
            thr[t] = new double[nodes.length];
            val[t] = new double[nodes.length];
            for (int k = 0; k < nodes.length; k++) {
                String[] parts = nodes[k].split(":");
                f[t][k] = Integer.parseInt(parts[0]);
                thr[t][k] = Double.parseDouble(parts[1]);
                val[t][k] = Double.parseDouble(parts[2]);
            }
        }
        return new BoostedTrees(bias, f, thr, val);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BoostedTrees[%d trees, bias %.4f]", features.length, bias);
    }
}
