package org.yiwang.registry;

import java.util.List;

/**
 * Everything the registry holds about one practitioner: the summary (primary organisation, title, licence),
 * specialties from the 诊疗科目 vocabulary and further practice sites.
 */
public record PractitionerDetail(PractitionerSummary summary, boolean active, int version, List<Specialty> specialties,
        List<PractitionerSite> sites) {

    public PractitionerDetail {
        specialties = List.copyOf(specialties);
        sites = List.copyOf(sites);
    }
}
