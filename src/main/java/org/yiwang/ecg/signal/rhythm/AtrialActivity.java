package org.yiwang.ecg.signal.rhythm;

/**
 * What the signal says about atrial activity, measured by {@link AtrialActivityAnalyser}.
 *
 * @param pWaveEvidence        0..1, how consistently a P wave precedes the QRS; NaN when not measured
 * @param flutterWaveRateBpm   rate of a periodic atrial wave seen outside the QRS, or NaN
 * @param flutterEvidence      0..1, strength of that periodicity (normalised autocorrelation)
 * @param isoelectricMs        typical longest flat (isoelectric) stretch between one beat's QRS and the next one's
 *                             (median over beats and leads), in ms; flutter waves leave none. NaN when not measured
 * @param pWaveAssociation     0..1, share of beats preceded by a P wave at a constant PR interval that the previous
 *                             beat's T wave does not explain (atrioventricular association,
 *                             {@link AtrialActivityAnalyser#pWaveAssociation}); 0 when no such P wave shows, NaN when
 *                             not measured
 * @param waveformAfLogit      the {@link AfNetwork}'s AF logit read from the waveform of one lead (fibrillatory waves
 *                             and rhythm as the signal shows them); NaN when not measured (long recordings, no network)
 */
public record AtrialActivity(double pWaveEvidence, double flutterWaveRateBpm, double flutterEvidence,
        double isoelectricMs, double pWaveAssociation, double waveformAfLogit) {

    /** Atrial activity without the association measure and the waveform logit. */
    public AtrialActivity(double pWaveEvidence, double flutterWaveRateBpm, double flutterEvidence,
            double isoelectricMs) {
        this(pWaveEvidence, flutterWaveRateBpm, flutterEvidence, isoelectricMs, Double.NaN);
    }

    /** Atrial activity without the waveform logit. */
    public AtrialActivity(double pWaveEvidence, double flutterWaveRateBpm, double flutterEvidence,
            double isoelectricMs, double pWaveAssociation) {
        this(pWaveEvidence, flutterWaveRateBpm, flutterEvidence, isoelectricMs, pWaveAssociation, Double.NaN);
    }

    /** The same measures with the atrioventricular association measured. */
    public AtrialActivity withPWaveAssociation(double association) {
        return new AtrialActivity(pWaveEvidence, flutterWaveRateBpm, flutterEvidence, isoelectricMs, association,
                waveformAfLogit);
    }

    /** The same measures with the waveform's AF logit. */
    public AtrialActivity withWaveformAfLogit(double logit) {
        return new AtrialActivity(pWaveEvidence, flutterWaveRateBpm, flutterEvidence, isoelectricMs, pWaveAssociation,
                logit);
    }

    public static AtrialActivity unknown() {
        return new AtrialActivity(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
    }
}
