package org.yiwang.ecg.signal.rhythm;

/** Morphology class of one detected beat (AAMI EC57 super-classes, reduced to what pre-analysis needs). */
public enum BeatType {
    /** Dominant (normal or bundle-branch) morphology. */
    NORMAL,
    /** Premature beat with dominant morphology (supraventricular ectopic). */
    SUPRAVENTRICULAR,
    /** Wide beat unlike the dominant morphology, or premature and wide (ventricular ectopic). */
    VENTRICULAR,
    /** Not classifiable (edge of the recording). */
    UNKNOWN,
    /** Probably not a QRS: much smaller than the dominant beat and wide (a T wave or noise detected as a beat). */
    ARTEFACT
}
