package org.yiwang.ecg.signal;

/**
 * Thresholds of {@link SignalQualityAssessor}. Defaults in {@link #DEFAULTS}; a deployment may override them from
 * configuration.
 *
 * @param blockMs                   resolution of the quality flags
 * @param flatRangeMicrovolts       a block whose peak-to-peak range is below this is flat (or lead off)
 * @param leadOffLevelMicrovolts    a flat block this far from zero is a detached electrode at the amplifier rail
 * @param saturationFraction        share of a block pinned at the lead's extreme value that counts as clipping
 * @param noiseDutyCycle            share of a block's 3-block neighbourhood where QRS energy is above half its
 *                                  maximum; clean ECG stays well below (QRS complexes are short), noise above
 * @param noiseEnergyRatio          block energy maximum over the lead's typical QRS energy above which the block is
 *                                  noise (electrode motion, movement)
 * @param noiseFloorRatio           noise floor (median QRS-band energy of a block) over the lead's QRS energy (20th
 *                                  percentile of its block maxima) above which the block is noise when the lead's
 *                                  energy does not rise and fall with the other leads' (see {@code noiseCoherence})
 * @param noiseCoherence            correlation (over 3 blocks) between a lead's QRS energy and the other leads' below
 *                                  which a high noise floor is noise of that lead: heart activity, even wide
 *                                  ventricular complexes, shows in every lead at once, electrode motion does not
 * @param singleLeadNoiseFloorRatio the noise-floor limit where no other usable lead can confirm heart activity
 * @param noiseMarginMs             a noisy stretch is widened by this much on each side (noise bursts do not start
 *                                  and end on block boundaries)
 */
public record QualitySettings(double blockMs, int flatRangeMicrovolts, int leadOffLevelMicrovolts,
        double saturationFraction, double noiseDutyCycle, double noiseEnergyRatio, double noiseFloorRatio,
        double noiseCoherence, double singleLeadNoiseFloorRatio, double noiseMarginMs) {

    public static final QualitySettings DEFAULTS = new QualitySettings(1000, 20, 4000, 0.08, 0.6, 3.0, 0.3, 0.7, 0.5, 500);

    /** The settings before the noise-floor check: that check is off (limits at infinity and −1). */
    public QualitySettings(double blockMs, int flatRangeMicrovolts, int leadOffLevelMicrovolts,
            double saturationFraction, double noiseDutyCycle, double noiseEnergyRatio) {
        this(blockMs, flatRangeMicrovolts, leadOffLevelMicrovolts, saturationFraction, noiseDutyCycle, noiseEnergyRatio,
                Double.POSITIVE_INFINITY, -1, Double.POSITIVE_INFINITY, 0);
    }
}
