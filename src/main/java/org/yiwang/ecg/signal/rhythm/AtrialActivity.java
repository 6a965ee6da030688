package org.yiwang.ecg.signal.rhythm;

/**
 * What the signal says about atrial activity, measured by {@link AtrialActivityAnalyser}.
 *
 * @param pWaveEvidence        0..1, how consistently a P wave precedes the QRS; NaN when not measured
 * @param flutterWaveRateBpm   rate of a periodic atrial wave seen outside the QRS, or NaN
 * @param flutterEvidence      0..1, strength of that periodicity (normalised autocorrelation)
 */
public record AtrialActivity(double pWaveEvidence, double flutterWaveRateBpm, double flutterEvidence) {

    public static AtrialActivity unknown() {
        return new AtrialActivity(Double.NaN, Double.NaN, 0);
    }
}
