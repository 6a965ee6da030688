package org.yiwang.ecg.web;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.EcgTurnaround;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.ResidentSummary;

/** Residents' names, sex and age for a list page, in one query (each read audited by the master index). */
@Component
class ResidentNames {

    private final Residents residents;

    ResidentNames(Residents residents) {
        this.residents = residents;
    }

    /** Name, sex and age as a list shows them. */
    record Label(String name, String sex, Integer age) {
    }

    Map<Long, Label> of(Collection<Long> ids, String purpose) {
        LocalDate today = LocalDate.now(EcgTurnaround.ZONE);
        Map<Long, ResidentSummary> found = residents.findAllById(ids, purpose);
        java.util.Map<Long, Label> out = new java.util.HashMap<>();
        found.forEach((id, r) -> out.put(id, new Label(r.name(), r.sex() == null ? null : r.sex().name(),
                r.birthDate() == null ? null : Period.between(r.birthDate(), today).getYears())));
        return out;
    }
}
