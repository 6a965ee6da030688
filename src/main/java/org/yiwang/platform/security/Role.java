package org.yiwang.platform.security;

/** Roles a staff member holds at an organisation, plus the resident role for the portal. */
public enum Role {
    SYSTEM_ADMIN,
    COMMISSION_ANALYST,
    REGISTRAR,
    DOCTOR,
    NURSE,
    FAMILY_DOCTOR,
    ECG_READER,
    PHARMACIST,
    LAB_TECHNICIAN,
    PUBLIC_HEALTH_WORKER,
    RESIDENT;

    /** Spring Security authority name, e.g. {@code ROLE_DOCTOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Message-bundle key of the role's display name. */
    public String messageKey() {
        return "role." + name();
    }
}
