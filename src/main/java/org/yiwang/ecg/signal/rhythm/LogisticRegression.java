package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Binary logistic regression on standardised features of any number: p = 1 / (1 + exp(-(intercept + sum w_j (x_j -
 * mean_j) / scale_j))), a missing value (NaN) standing for the feature's mean. Fitted by Newton's method (iteratively
 * reweighted least squares) with an L2 penalty on the weights; deterministic. The AF model and the evaluation's
 * candidate models are fitted with it.
 *
 * @param means     feature means of the training rows (NaN ignored)
 * @param scales    feature standard deviations (1 when a feature is constant or unknown)
 * @param weights   coefficients of the standardised features
 * @param intercept bias
 */
public record LogisticRegression(double[] means, double[] scales, double[] weights, double intercept) {

    private static final int MAX_ITERATIONS = 50;
    private static final double CONVERGED = 1e-8;

    public LogisticRegression {
        if (means.length != scales.length || means.length != weights.length) {
            throw new IllegalArgumentException("means, scales and weights need one value per feature");
        }
        means = means.clone();
        scales = scales.clone();
        weights = weights.clone();
    }

    /** Fits {@code y} (true = the positive class) on the rows of {@code x}, all of the same length. */
    public static LogisticRegression fit(double[][] x, boolean[] y, double l2) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException("need as many labels as feature rows, and at least one");
        }
        int features = x[0].length;
        double[] means = new double[features];
        double[] scales = new double[features];
        for (int j = 0; j < features; j++) {
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
        int d = features + 1; // intercept last
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                z[i][j] = Double.isNaN(x[i][j]) ? 0 : (x[i][j] - means[j]) / scales[j];
            }
            z[i][features] = 1;
        }
        double[] beta = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int j = 0; j < d; j++) {
                    eta += beta[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double residual = (y[i] ? 1 : 0) - p;
                double w = Math.max(p * (1 - p), 1e-9);
                for (int j = 0; j < d; j++) {
                    gradient[j] += residual * z[i][j];
                    for (int k = 0; k < d; k++) {
                        hessian[j][k] += w * z[i][j] * z[i][k];
                    }
                }
            }
            for (int j = 0; j < features; j++) {
                gradient[j] -= l2 * beta[j];
                hessian[j][j] += l2;
            }
            // the L2 penalty keeps the Hessian positive definite; a singular one would leave nothing to learn
            double[] step = LinearSystems.solve(hessian, gradient, gradient.length);
            if (step == null) {
                break;
            }
            double change = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < CONVERGED) {
                break;
            }
        }
        return new LogisticRegression(means, scales, Arrays.copyOf(beta, features), beta[features]);
    }

    /** Probability of the positive class; a NaN feature counts as its mean. */
    public double probability(double[] x) {
        double z = intercept;
        for (int j = 0; j < means.length; j++) {
            z += Double.isNaN(x[j]) ? 0 : weights[j] * (x[j] - means[j]) / scales[j];
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

    /** The coefficients in full, as {@code ecg-eval --af} prints a refitted model for the code. */
    @Override
    public String toString() {
        return "LogisticRegression[means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales)
                + ", weights=" + Arrays.toString(weights) + ", intercept=" + intercept + "]";
    }
}
