package org.yiwang.ecg.signal;

/** Why a stretch of one lead is unusable for beat-level conclusions. */
public enum QualityIssue {
    /** Almost no signal: amplitude below what any ECG shows (disconnected amplifier, zero-filled data). */
    FLAT_LINE,
    /** Electrode off: flat at a large offset, or a step to the amplifier's rail. */
    LEAD_OFF,
    /** Clipping at the amplifier's range. */
    SATURATION,
    /** Noise (electrode motion, muscle, baseline jumps) that swamps the QRS complexes. */
    NOISE
}
