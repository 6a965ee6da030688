package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Logistic model of atrial fibrillation on RR irregularity features and, when a signal is available, the
 * P-wave evidence: a {@link LogisticRegression} on {@link RrIrregularity#FEATURE_NAMES} then the P-wave evidence. An
 * unknown P-wave evidence (NaN) counts as its mean, so the term drops out.
 *
 * <p>Where the waveform was read by the {@link AfNetwork} (recordings of up to {@link #NETWORK_MAX_SECONDS} s), a second
 * logistic regression combines the RR model's logit with the network's ({@link #probability(double[], double)}).
 * Without the network's logit (long recordings, windows of a Holter) the RR model alone decides; with too few
 * intervals for the RR features (a slow rhythm on a 10 s ECG, a noisy strip) the network's logit alone does, through a
 * one-input regression of its own.
 *
 * @param regression   the fitted RR and P-wave coefficients (standardisation, weights, intercept)
 * @param combined     coefficients on (RR model logit, network logit), or null: the RR model alone
 * @param networkAlone coefficients on the network logit alone, for records without RR features, or null: no call
 * @param network      the network that reads the waveform, or null
 */
public record AfModel(LogisticRegression regression, LogisticRegression combined, LogisticRegression networkAlone,
        AfNetwork network) {

    public static final int FEATURES = RrIrregularity.FEATURE_NAMES.length + 1;
    /** The network reads recordings up to this long; longer ones are analysed in segments by the RR model. */
    public static final double NETWORK_MAX_SECONDS = 120;

    public AfModel {
        if (regression.weights().length != FEATURES) {
            throw new IllegalArgumentException("an AF model has " + FEATURES + " features");
        }
        if (combined != null && combined.weights().length != 2) {
            throw new IllegalArgumentException("the combined AF model has 2 inputs (RR logit, network logit)");
        }
        if (networkAlone != null && networkAlone.weights().length != 1) {
            throw new IllegalArgumentException("the network-alone AF model has 1 input (network logit)");
        }
        for (double s : regression.scales()) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("feature scales must be positive");
            }
        }
    }

    /** The RR and P-wave model alone. */
    public AfModel(LogisticRegression regression) {
        this(regression, null, null, null);
    }

    /**
     * The shipped model: RR coefficients fitted on the 1,459 PhysioNet/CinC 2017 recordings in
     * ../shared/data/ecg/cinc2017 labelled N, A or O (AF against the rest; features from this project's detector and
     * beat classes; L2 = 1); the combined and network-alone coefficients fitted on the same records' RR logits and
     * network logits, both out of fold: each RR logit from the RR model fitted without the record's fold, each network
     * logit from the ensemble members trained without it; the
     * network ensemble of {@link AfNetwork#defaults()}. All printed by {@code ecg-eval --af}, which scores every record
     * with the members that did not see it and refits the regressions per fold: docs/benchmarks.md gives the
     * cross-validated figures.
     */
    public static AfModel defaults() {
        return new AfModel(rrDefaults(), new LogisticRegression(COMBINED_MEANS, COMBINED_SCALES, COMBINED_WEIGHTS,
                COMBINED_INTERCEPT), new LogisticRegression(ALONE_MEANS, ALONE_SCALES, ALONE_WEIGHTS, ALONE_INTERCEPT),
                AfNetwork.defaults());
    }

    private static final double[] COMBINED_MEANS = { -2.72747, -0.43804 };
    private static final double[] COMBINED_SCALES = { 3.62094, 2.35416 };
    private static final double[] COMBINED_WEIGHTS = { 1.98111, 1.70995 };
    private static final double COMBINED_INTERCEPT = -2.35806;
    private static final double[] ALONE_MEANS = { -0.44053 };
    private static final double[] ALONE_SCALES = { 2.34996 };
    private static final double[] ALONE_WEIGHTS = { 3.17177 };
    private static final double ALONE_INTERCEPT = -1.77472;

    private static LogisticRegression rrDefaults() {
        return new LogisticRegression(
                new double[] { 0.177294, 0.0724376, -1.82704, 0.528787, 2.44549, 0.238402, 0.754114, 0.808497, 0.26657, 0.554641, 0.494409, 0.177865, 0.0253002, 77.5333, 0.0395089, 0.05723, 0.580442 },
                new double[] { 0.283184, 0.103456, 0.771552, 0.155357, 0.867209, 0.291981, 0.260823, 0.517976, 0.422585, 0.285013, 0.287248, 0.273665, 0.057844, 20.5361, 0.0726652, 0.0770154, 0.310839 },
                new double[] { 0.107394, -0.412183, -0.142324, 0.601086, -0.128578, 1.2625, -0.714896, -0.591379, -0.736186, 0.389491, 0.313456, -0.0745142, -0.148782, 1.03484, -0.252905, -0.324782, -1.33992 },
                -2.73492);
    }

    /** Feature vector of the model: RR features then P-wave evidence (NaN = unknown). */
    public static double[] features(RrIrregularity rr, double pWaveEvidence) {
        double[] rrFeatures = rr.vector();
        double[] x = Arrays.copyOf(rrFeatures, FEATURES);
        x[FEATURES - 1] = pWaveEvidence;
        return x;
    }

    /** Probability of atrial fibrillation from the RR and P-wave features alone. */
    public double probability(double[] features) {
        return regression.probability(features);
    }

    /**
     * Probability of atrial fibrillation from the RR and P-wave features (null when the intervals were too few) and
     * the network's logit of the waveform (NaN when not read): both combined, or whichever is there alone; NaN when
     * neither is.
     */
    public double probability(double[] features, double networkLogit) {
        boolean read = !Double.isNaN(networkLogit);
        if (features == null) {
            return read && networkAlone != null ? networkAlone.probability(new double[] { networkLogit }) : Double.NaN;
        }
        if (combined == null || !read) {
            return probability(features);
        }
        return combined.probability(new double[] { rrLogit(features), networkLogit });
    }

    /** Whether {@link #probability(double[], double)} with these inputs uses the network's logit. */
    public boolean usesNetwork(double[] features, double networkLogit) {
        return !Double.isNaN(networkLogit) && (features == null ? networkAlone != null : combined != null);
    }

    /** The RR and P-wave model's logit (log odds), the first input of the combined model. */
    public double rrLogit(double[] features) {
        double p = Math.min(Math.max(regression.probability(features), 1e-9), 1 - 1e-9);
        return Math.log(p / (1 - p));
    }

    /** This model with another network (the evaluation's per-fold ensemble member) and the same coefficients. */
    public AfModel withNetwork(AfNetwork otherNetwork) {
        return new AfModel(regression, combined, networkAlone, otherNetwork);
    }

    /** This model with other combined and network-alone coefficients (refitted by the evaluation). */
    public AfModel withCombined(LogisticRegression otherCombined, LogisticRegression otherNetworkAlone) {
        return new AfModel(regression, otherCombined, otherNetworkAlone, network);
    }

    /** Fits the network-alone model on network logits (missing ones leave the record out). */
    public static LogisticRegression fitNetworkAlone(double[] networkLogits, boolean[] atrialFibrillation, double l2) {
        return fitComplete(new double[][] { networkLogits }, atrialFibrillation, l2);
    }

    /** Fits the combined model on RR logits and network logits (missing network logits leave the record out). */
    public static LogisticRegression fitCombined(double[] rrLogits, double[] networkLogits, boolean[] atrialFibrillation,
            double l2) {
        return fitComplete(new double[][] { rrLogits, networkLogits }, atrialFibrillation, l2);
    }

    /** A regression on the given input columns, fitted on the records that have a value in every column. */
    private static LogisticRegression fitComplete(double[][] columns, boolean[] atrialFibrillation, double l2) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < atrialFibrillation.length; i++) {
            double[] row = new double[columns.length];
            boolean complete = true;
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c][i];
                complete &= !Double.isNaN(row[c]);
            }
            if (complete) {
                x.add(row);
                y.add(atrialFibrillation[i]);
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        return LogisticRegression.fit(x.toArray(double[][]::new), labels, l2);
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
