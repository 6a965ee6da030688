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
    PHARMACY,
    /** A higher-level (usually tertiary, 三级) hospital outside the county, e.g. a 医联体 partner in the city. */
    TERTIARY_HOSPITAL;

    /** Primary-care institutions (基层医疗卫生机构) that may host family-doctor teams (FD-01). */
    public boolean isPrimaryCareCentre() {
        return this == TOWNSHIP_HEALTH_CENTRE || this == COMMUNITY_HEALTH_CENTRE;
    }

    /** Hospitals whose specialists may join a family-doctor team as the optional specialist (FD-02). */
    public boolean isHospital() {
        return this == COUNTY_HOSPITAL || this == TCM_HOSPITAL || this == MCH_HOSPITAL || this == TERTIARY_HOSPITAL;
    }

    /** Message-bundle key of the type's display name. */
    public String messageKey() {
        return "registry.organisationType." + name();
    }
}
