package org.yiwang.records;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which items of a record a reader who may read it sees. Items the reader's own organisation recorded are always
 * shown; items of other organisations are left out when the resident hid them (consent) or when they belong to a
 * sensitive category the reader's organisation holds no grant for. A reader without an organisation (the resident,
 * a system job) sees everything.
 *
 * @param viewerOrganisationId the reader's organisation, or null for a reader who sees everything
 * @param openCategories       sensitive categories the reader's organisation holds a grant for
 */
record Visibility(Long viewerOrganisationId, Set<SensitiveCategory> openCategories) {

    static final Visibility EVERYTHING = new Visibility(null, Set.of());

    Visibility {
        openCategories = openCategories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(openCategories));
    }

    boolean everything() {
        return viewerOrganisationId == null;
    }

    /** The same test as {@link EntryStore}'s SQL filter, for entries read by id. */
    boolean shows(ClinicalEntry entry) {
        if (everything() || entry.organisationId() == viewerOrganisationId) {
            return true;
        }
        if (entry.hiddenAt() != null) {
            return false;
        }
        return entry.sensitivity() == null || openCategories.contains(entry.sensitivity());
    }
}
