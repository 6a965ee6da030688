package org.yiwang.registry;

/**
 * Services an organisation offers: the controlled vocabulary other modules ask about ("who reads ECGs",
 * "who takes haemodialysis referrals"). Names are in the registry message bundles under {@link #messageKey()}.
 */
public enum ServiceCode {
    ECG_READING,
    CT,
    MRI,
    DIGITAL_RADIOGRAPHY,
    ULTRASOUND,
    LABORATORY,
    HAEMODIALYSIS,
    INTERNET_HOSPITAL,
    MATERNITY,
    PAEDIATRICS,
    EMERGENCY,
    CHEST_PAIN_CENTRE,
    STROKE_CENTRE,
    TCM,
    MENTAL_HEALTH,
    REHABILITATION,
    PHARMACY_DISPENSING,
    VACCINATION,
    GENERAL_PRACTICE,
    REMOTE_CONSULTATION;

    public String messageKey() {
        return "registry.service." + name();
    }
}
