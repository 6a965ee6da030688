package org.yiwang.ecg;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yiwang.mpi.ResidentDemographics;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.Sex;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/** Picks demo ECG patients near a clinic (its own, its villages', or its township's residents), each at most once. */
final class DemoPatients {

    private final Organisations organisations;
    private final List<ResidentDemographics> people;
    private final LocalDate today;
    private final Set<Long> used = new HashSet<>();

    DemoPatients(Residents residents, Organisations organisations, LocalDate today, String purpose) {
        this.organisations = organisations;
        this.people = residents.demographics(0, 10_000, purpose);
        this.today = today;
    }

    OrganisationSummary clinic(String code) {
        return organisations.findByCode(code).orElseThrow(() -> new IllegalStateException("no demo clinic " + code));
    }

    /** A resident of that sex and age range registered at the clinic or next to it, not chosen before. */
    Optional<ResidentDemographics> near(OrganisationSummary clinic, Sex sex, int minAge, int maxAge) {
        Set<Long> catchment = new HashSet<>();
        catchment.add(clinic.id());
        organisations.childrenOf(clinic.id()).forEach(c -> catchment.add(c.id()));
        if (clinic.parentId() != null) {
            catchment.add(clinic.parentId()); // a village clinic's own township
        }
        Optional<ResidentDemographics> found = people.stream()
                .filter(p -> !used.contains(p.id()) && p.sex() == sex
                        && p.registeredOrganisationId() != null && catchment.contains(p.registeredOrganisationId()))
                .filter(p -> {
                    int age = Period.between(p.birthDate(), today).getYears();
                    return age >= minAge && age <= maxAge;
                })
                .findFirst();
        found.ifPresent(p -> used.add(p.id()));
        return found;
    }
}
