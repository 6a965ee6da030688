package org.yiwang.ecg.signal.delineation;

/**
 * Fiducial points of the dominant beat, milliseconds relative to the beat fiducial (the detector's QRS
 * position). NaN when absent or not measurable (no P wave in fibrillation; flat T wave).
 */
public record WaveBoundaries(double pOnsetMs, double pOffsetMs, double qrsOnsetMs, double qrsOffsetMs, double tPeakMs,
        double tEndMs) {

    public boolean hasPWave() {
        return !Double.isNaN(pOnsetMs);
    }
}
