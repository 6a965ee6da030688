package org.yiwang.records;

/**
 * Why an organisation cares for a resident, and so may read the resident's shared record (ARCHITECTURE.md, "access
 * is by relationship").
 */
public enum CareRelationshipKind {

    /** The organisation recorded an item for the resident within the configured treating window. */
    TREATING,

    /** The organisation received a referral of the resident (双向转诊). */
    REFERRAL_RECEIVED,

    /** The organisation's family-doctor team holds a contract with the resident (家庭医生签约). */
    FAMILY_DOCTOR,

    /** The organisation reads an ECG of the resident (心电一张网). */
    ECG_READING;

    /** Message-bundle key of the kind's display name. */
    public String messageKey() {
        return "records.access.kind." + name();
    }
}
