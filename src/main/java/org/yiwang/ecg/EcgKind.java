package org.yiwang.ecg;

/** What sort of recording a clinic uploads. */
public enum EcgKind {

    /** Resting 12-lead ECG, typically 10 s (静息十二导联心电图). */
    RESTING_12_LEAD,

    /** A rhythm strip of one to a few leads, up to a few minutes. */
    RHYTHM_STRIP,

    /** A long recording of hours (dynamic / Holter-like). */
    LONG_TERM
}
