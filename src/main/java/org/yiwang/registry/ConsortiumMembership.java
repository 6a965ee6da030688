package org.yiwang.registry;

/** An organisation's membership of a consortium. */
public record ConsortiumMembership(ConsortiumSummary consortium, OrganisationSummary organisation, ConsortiumRole role) {
}
