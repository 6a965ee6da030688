package org.yiwang.ecg.signal.rhythm;

/**
 * What the signal says about atrial activity, measured by {@link AtrialActivityAnalyser}.
 *
 * @param pWaveEvidence        0..1, how consistently a P wave precedes the QRS; NaN when not measured
 * @param flutterWaveRateBpm   rate of a periodic atrial wave seen outside the QRS, or NaN
 * @param flutterEvidence      0..1, strength of that periodicity (normalised autocorrelation)
 * @param isoelectricMs        typical longest flat (isoelectric) stretch between one beat's QRS and the next one's
 *                             (median over beats and leads), in ms; flutter waves leave none. NaN when not measured
 */
public record AtrialActivity(double pWaveEvidence, double flutterWaveRateBpm, double flutterEvidence,
        double isoelectricMs) {

    public static AtrialActivity unknown() {
        return new AtrialActivity(Double.NaN, Double.NaN, 0, Double.NaN);
    }
}
