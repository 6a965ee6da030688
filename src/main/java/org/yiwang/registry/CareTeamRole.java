package org.yiwang.registry;

/** Roles in a family-doctor team (FD-02). */
public enum CareTeamRole {
    /** The family doctor, first person responsible (第一责任人). */
    LEAD_DOCTOR,
    NURSE,
    PUBLIC_HEALTH,
    /** Optional specialist from a second- or third-level hospital. */
    SPECIALIST,
    VILLAGE_DOCTOR,
    /** Locally added assistants (nutritionist, maternal-child doctor, technician, pharmacist). */
    ASSISTANT;

    public String messageKey() {
        return "registry.careTeamRole." + name();
    }
}
