package org.yiwang.records;

/** On what ground the current actor reads a resident's record. */
public enum AccessBasis {

    /** A system job with no signed-in actor (command line, demo loader, scheduled jobs). */
    SYSTEM,

    /** The resident reads their own record. */
    SELF,

    /** A signed-in resident reads the record of someone they represent (guardian, authorised family member). */
    REPRESENTATIVE,

    /** The actor's organisation has a care relationship with the resident in force. */
    CARE_RELATIONSHIP,

    /** Emergency override with a reason, time-limited, for this account and organisation only. */
    BREAK_GLASS,

    /** No ground: the record may not be read. */
    NONE
}
