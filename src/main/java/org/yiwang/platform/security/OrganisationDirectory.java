package org.yiwang.platform.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Names of organisations, implemented by the registry module so that the platform (which depends on
 * no module) can show the organisation switcher and audit entries with names.
 */
public interface OrganisationDirectory {

    /** Display names by organisation id, in the given locale; unknown ids are left out. */
    Map<Long, String> names(Collection<Long> organisationIds, Locale locale);

    /**
     * Every active organisation's display name, ordered for a picker (hierarchy order). A county has tens to
     * hundreds of organisations, so this is bounded in practice.
     */
    Map<Long, String> all(Locale locale);
}
