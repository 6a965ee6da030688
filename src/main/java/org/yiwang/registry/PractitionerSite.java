package org.yiwang.registry;

/** An organisation where a practitioner practises besides their primary one. */
public record PractitionerSite(long organisationId, PracticeRole role) {
}
