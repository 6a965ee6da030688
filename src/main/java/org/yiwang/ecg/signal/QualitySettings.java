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
 */
public record QualitySettings(double blockMs, int flatRangeMicrovolts, int leadOffLevelMicrovolts,
        double saturationFraction, double noiseDutyCycle, double noiseEnergyRatio) {

    public static final QualitySettings DEFAULTS = new QualitySettings(1000, 20, 4000, 0.08, 0.6, 3.0);
}
