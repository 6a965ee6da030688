package org.yiwang.mpi;

import java.time.LocalDate;

/**
 * The few facts about a living resident that synthetic data generators need (demo county, load commands): no name,
 * no identifier.
 */
public record ResidentDemographics(long id, Sex sex, LocalDate birthDate, Long registeredOrganisationId) {
}
