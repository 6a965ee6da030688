package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Logistic model of atrial fibrillation on RR irregularity features and, when a signal is available, the
 * P-wave evidence: a {@link LogisticRegression} on {@link RrIrregularity#FEATURE_NAMES} then the P-wave evidence. An
 * unknown P-wave evidence (NaN) counts as its mean, so the term drops out.
 *
 * @param regression the fitted coefficients (standardisation, weights, intercept)
 */
public record AfModel(LogisticRegression regression) {

    public static final int FEATURES = RrIrregularity.FEATURE_NAMES.length + 1;

    public AfModel {
        if (regression.weights().length != FEATURES) {
            throw new IllegalArgumentException("an AF model has " + FEATURES + " features");
        }
        for (double s : regression.scales()) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("feature scales must be positive");
            }
        }
    }

    /**
     * Coefficients fitted on the 1,459 PhysioNet/CinC 2017 recordings in ../shared/data/ecg/cinc2017 labelled
     * N, A or O (AF against the rest; features from this project's detector and beat classes; L2 = 1), printed
     * by {@code ecg-eval --af}. Trained on the evaluation set: docs/benchmarks.md gives the 5-fold
     * cross-validated figure next to the resubstitution one.
     */
    public static AfModel defaults() {
        return new AfModel(new LogisticRegression(
                new double[] { 0.180907, 0.073905, -1.82609, 0.530985, 2.44368, 0.241455, 0.75164, 0.816924, 0.261024, 0.555654, 0.495499, 0.180683, 0.026284, 77.5544, 0.0394142, 0.057469, 0.583639 },
                new double[] { 0.288119, 0.108802, 0.771468, 0.15531, 0.869966, 0.2931, 0.262582, 0.53154, 0.422494, 0.284843, 0.286878, 0.275482, 0.0592362, 20.5786, 0.0720373, 0.0769882, 0.315783 },
                new double[] { 0.0554119, -0.448893, -0.0211941, 0.608751, 0.0238291, 1.3647, -0.6628, -0.541317, -0.71825, 0.372611, 0.0744202, -0.209651, -0.211318, 0.956689, -0.245594, -0.294409, -1.27884 },
                -2.61389));
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
        return regression.probability(features);
    }

    /** Feature means of the training records (standardisation), in {@link #features} order. */
    public double[] means() {
        return regression.means();
    }

    /**
     * Fits a model by Newton's method (iteratively reweighted least squares) with an L2 penalty on the
     * weights; deterministic. Missing values (NaN) are replaced by the feature mean.
     */
    public static AfModel fit(double[][] x, boolean[] atrialFibrillation, double l2) {
        if (x.length > 0 && x[0].length != FEATURES) {
            throw new IllegalArgumentException("an AF model has " + FEATURES + " features");
        }
        return new AfModel(LogisticRegression.fit(x, atrialFibrillation, l2));
    }
}
