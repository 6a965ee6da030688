package org.yiwang.ecg.signal.delineation;

/**
 * ST deviation of one lead against the PR-segment baseline, microvolts (100 µV = 1 mm at standard gain).
 *
 * @param measured false when the lead was withheld (unusable signal) or had no delineated QRS
 * @param tEndMs   this lead's T end relative to the beat fiducial, NaN when not measurable
 */
public record StMeasurement(String lead, boolean measured, double jPointMicrovolts, double j60Microvolts,
        double j80Microvolts, double tEndMs) {

    static StMeasurement withheld(String lead) {
        return new StMeasurement(lead, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
