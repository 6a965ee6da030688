package org.yiwang.ecg;

/** Where a recording is in the network's workflow. */
public enum EcgStatus {

    /** Stored; the automatic pre-analysis has not finished yet. */
    RECEIVED,

    /** Pre-analysed and waiting for a reader. */
    ANALYSED,

    /** A reader of the reading centre holds it (claimed it and is reading it); nobody else may sign it. */
    CLAIMED,

    /** A signed report exists (amendments keep it signed); the clinic acknowledges it with a timestamp. */
    SIGNED;

    /** Still in the reading centre's queue: nobody has claimed or signed it. */
    public boolean unread() {
        return this == RECEIVED || this == ANALYSED;
    }
}
