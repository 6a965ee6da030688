package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Logistic model of atrial fibrillation on RR irregularity features and, when a signal is available, the
 * P-wave evidence: p(AF) = 1 / (1 + exp(-(intercept + sum w_i (x_i - mean_i) / scale_i))). An unknown P-wave
 * evidence (NaN) is replaced by its mean, so the term drops out.
 *
 * @param means     feature means (standardisation), {@link RrIrregularity#FEATURE_NAMES} then P-wave evidence
 * @param scales    feature standard deviations
 * @param weights   coefficients of the standardised features
 * @param intercept bias
 */
public record AfModel(double[] means, double[] scales, double[] weights, double intercept) {

    public static final int FEATURES = RrIrregularity.FEATURE_NAMES.length + 1;

    public AfModel {
        if (means.length != FEATURES || scales.length != FEATURES || weights.length != FEATURES) {
            throw new IllegalArgumentException("an AF model has " + FEATURES + " features");
        }
        for (double s : scales) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("feature scales must be positive");
            }
        }
        means = means.clone();
        scales = scales.clone();
        weights = weights.clone();
    }

    /**
     * Coefficients fitted on the 1,459 PhysioNet/CinC 2017 recordings in ../shared/data/ecg/cinc2017 labelled
     * N, A or O (AF against the rest; features from this project's detector and beat classes; L2 = 1), printed
     * by {@code ecg-eval --af}. Trained on the evaluation set: docs/benchmarks.md gives the 5-fold
     * cross-validated figure next to the resubstitution one.
     */
    public static AfModel defaults() {
        return new AfModel(
                new double[] { 0.205422, 0.077737, -1.81206, 0.536854, 2.44082, 0.248825, 0.74783, 0.837796, 0.241373, 0.562897, 0.501549, 0.180523, 0.0294437, 77.43, 0.0359928, 0.0573456, 0.576696 },
                new double[] { 0.298474, 0.116344, 0.775691, 0.155494, 0.873553, 0.297215, 0.263733, 0.549223, 0.424733, 0.284585, 0.28697, 0.272502, 0.0673614, 20.5321, 0.0682823, 0.0774235, 0.310771 },
                new double[] { 0.0655571, -0.459877, 0.0485704, 0.508806, -0.192796, 1.31819, -0.504242, -0.487166, -0.601368, 0.4497, 0.240752, -0.113615, -0.368684, 0.930748, -0.323277, -0.185924, -1.30815 },
                -2.62237);
    }

    /** Feature vector of the model: RR features then P-wave evidence (NaN = unknown). */
    public static double[] features(RrIrregularity rr, double pWaveEvidence) {
        double[] rrFeatures = rr.vector();
        double[] x = Arrays.copyOf(rrFeatures, FEATURES);
        x[FEATURES - 1] = pWaveEvidence;
        return x;
    }

    /** Probability of atrial fibrillation. */
    public double probability(double[] features) {
        double z = intercept;
        for (int i = 0; i < FEATURES; i++) {
            double x = Double.isNaN(features[i]) ? means[i] : features[i];
            z += weights[i] * (x - means[i]) / scales[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String toString() {
        return "AfModel[means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales) + ", weights="
                + Arrays.toString(weights) + ", intercept=" + intercept + "]";
    }

    /**
     * Fits a model by Newton's method (iteratively reweighted least squares) with an L2 penalty on the
     * weights; deterministic. Missing values (NaN) are replaced by the feature mean.
     */
    public static AfModel fit(double[][] x, boolean[] atrialFibrillation, double l2) {
        int n = x.length;
        if (n == 0 || n != atrialFibrillation.length) {
            throw new IllegalArgumentException("need as many labels as feature rows, and at least one");
        }
        double[] means = new double[FEATURES];
        double[] scales = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            double sum = 0;
            int count = 0;
            for (double[] row : x) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
            means[j] = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (double[] row : x) {
                if (!Double.isNaN(row[j])) {
                    squares += (row[j] - means[j]) * (row[j] - means[j]);
                }
            }
            scales[j] = count < 2 || squares == 0 ? 1 : Math.sqrt(squares / (count - 1));
        }
        int d = FEATURES + 1; // intercept last
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                z[i][j] = Double.isNaN(x[i][j]) ? 0 : (x[i][j] - means[j]) / scales[j];
            }
            z[i][FEATURES] = 1;
        }
        double[] beta = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int j = 0; j < d; j++) {
                    eta += beta[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double residual = (atrialFibrillation[i] ? 1 : 0) - p;
                double w = Math.max(p * (1 - p), 1e-9);
                for (int j = 0; j < d; j++) {
                    gradient[j] += residual * z[i][j];
                    for (int k = 0; k < d; k++) {
                        hessian[j][k] += w * z[i][j] * z[i][k];
                    }
                }
            }
            for (int j = 0; j < FEATURES; j++) {
                gradient[j] -= l2 * beta[j];
                hessian[j][j] += l2;
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return new AfModel(means, scales, Arrays.copyOf(beta, FEATURES), beta[FEATURES]);
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] matrix, double[] vector) {
        int n = vector.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOf(matrix[i], n + 1);
            a[i][n] = vector[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            if (Math.abs(a[col][col]) < 1e-12) {
                continue;
            }
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
            }
        }
        double[] solution = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            if (Math.abs(a[row][row]) < 1e-12) {
                continue;
            }
            double sum = a[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * solution[k];
            }
            solution[row] = sum / a[row][row];
        }
        return solution;
    }
}
