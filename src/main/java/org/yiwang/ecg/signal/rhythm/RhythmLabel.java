package org.yiwang.ecg.signal.rhythm;

/** The dominant rhythm of a recording. */
public enum RhythmLabel {
    SINUS_RHYTHM,
    SINUS_BRADYCARDIA,
    SINUS_TACHYCARDIA,
    ATRIAL_FIBRILLATION,
    ATRIAL_FLUTTER,
    VENTRICULAR_TACHYCARDIA,
    /** Irregular, but neither fibrillation nor a known pattern (e.g. frequent ectopy, sinus arrhythmia). */
    IRREGULAR_RHYTHM,
    /** Too few beats to say. */
    UNDETERMINED
}
