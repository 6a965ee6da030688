package org.yiwang.mpi;

/**
 * Kinds of identity document a resident may hold (domain rules ID-14). The 15-digit legacy resident ID is not a
 * type of its own: it is entered as {@link #RESIDENT_ID} and upgraded to 18 characters (ID-05), keeping the
 * original as typed.
 */
public enum IdentityDocumentType {
    /** 居民身份证, 18 characters (GB 11643, ID-01..06), or the 15-digit legacy number upgraded. */
    RESIDENT_ID("mpi.resident.id_number"),
    /** 港澳台居民居住证, 18 digits with address code 810000/820000/830000 (ID-10). */
    HK_MO_TW_RESIDENCE_PERMIT("mpi.identity_document.hk_mo_tw_residence_permit"),
    /** 外国人永久居留身份证 (2023), 18 digits starting with 9, MOD 11-2 check (ID-11). */
    FOREIGN_PERMANENT_RESIDENT_ID("mpi.identity_document.foreign_permanent_resident_id"),
    /** 外国人永久居留证 (2004/2017), 3 letters of nationality + 12 digits (ID-12). */
    FOREIGN_PERMANENT_RESIDENT_ID_OLD("mpi.identity_document.foreign_permanent_resident_id_old"),
    /** 护照: 5–17 letters or digits, with the issuing country. */
    PASSPORT("mpi.identity_document.passport");

    private final String context;

    IdentityDocumentType(String context) {
        this.context = context;
    }

    /**
     * Encryption and blind-index context of numbers of this type. A resident ID keeps the context of the original
     * {@code mpi.resident.id_number} column, so that both hold the same ciphertexts and index values.
     */
    public String context() {
        return context;
    }

    /** True for the types whose number carries a birth date and a sex digit (ID-01, ID-02). */
    public boolean carriesBirthDateAndSex() {
        return this == RESIDENT_ID || this == HK_MO_TW_RESIDENCE_PERMIT || this == FOREIGN_PERMANENT_RESIDENT_ID;
    }

    /** True when the number is issued by a foreign state, so the issuing country is part of the identity. */
    public boolean needsIssuingCountry() {
        return this == PASSPORT;
    }

    public String messageKey() {
        return "mpi.document.type." + name();
    }
}
