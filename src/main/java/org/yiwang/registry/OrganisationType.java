package org.yiwang.registry;

/** Kinds of organisation in a county medical community (GLOSSARY). */
public enum OrganisationType {
    COUNTY_HOSPITAL,
    TCM_HOSPITAL,
    MCH_HOSPITAL,
    CDC,
    HEALTH_COMMISSION,
    TOWNSHIP_HEALTH_CENTRE,
    COMMUNITY_HEALTH_CENTRE,
    VILLAGE_CLINIC,
    PHARMACY;

    /** Message-bundle key of the type's display name. */
    public String messageKey() {
        return "registry.organisationType." + name();
    }
}
