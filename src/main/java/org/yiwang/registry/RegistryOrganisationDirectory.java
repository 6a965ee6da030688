package org.yiwang.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yiwang.platform.security.OrganisationDirectory;

/** Gives the platform (layout switcher, audit views) organisation names without depending on this module. */
@Component
class RegistryOrganisationDirectory implements OrganisationDirectory {

    private final Organisations organisations;

    RegistryOrganisationDirectory(Organisations organisations) {
        this.organisations = organisations;
    }

    @Override
    public Map<Long, String> names(Collection<Long> organisationIds, Locale locale) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (OrganisationSummary organisation : organisations.findAllById(organisationIds)) {
            names.put(organisation.id(), organisation.name(locale));
        }
        return names;
    }

    @Override
    public Map<Long, String> all(Locale locale) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (OrganisationSummary organisation : organisations.listInHierarchyOrder()) {
            names.put(organisation.id(), organisation.name(locale));
        }
        return names;
    }
}
