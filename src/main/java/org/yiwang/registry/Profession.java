package org.yiwang.registry;

/** What a practitioner is qualified as; roles in the application are granted separately per organisation. */
public enum Profession {
    PHYSICIAN,
    NURSE,
    VILLAGE_DOCTOR,
    PHARMACIST,
    LAB_TECHNICIAN,
    PUBLIC_HEALTH_PHYSICIAN,
    ADMINISTRATIVE_STAFF;

    public String messageKey() {
        return "registry.profession." + name();
    }
}
