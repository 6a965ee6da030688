package org.yiwang.registry;

import java.util.Map;
import java.util.Set;

/**
 * What an administrator submits to register or change a practitioner; nothing else can be written.
 *
 * @param title the professional title's Chinese name, e.g. 主治医师 (see {@link ProfessionalTitle})
 * @param department free-text department (科室), e.g. 心血管内科, 挂号收费处
 * @param sites further practice sites and how the practitioner practises there
 */
public record PractitionerForm(
        String name,
        int sexCode,
        Profession profession,
        String title,
        String department,
        String licenceNumber,
        long organisationId,
        Set<Specialty> specialties,
        Map<Long, PracticeRole> sites,
        boolean active,
        int version) {

    public PractitionerForm {
        specialties = specialties == null ? Set.of() : Set.copyOf(specialties);
        sites = sites == null ? Map.of() : Map.copyOf(sites);
    }
}
