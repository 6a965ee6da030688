package org.yiwang.ecg;

/** Where a recording is in the network's workflow. */
public enum EcgStatus {

    /** Stored; the automatic pre-analysis has not finished yet. */
    RECEIVED,

    /** Pre-analysed and waiting for a reader. */
    ANALYSED
}
