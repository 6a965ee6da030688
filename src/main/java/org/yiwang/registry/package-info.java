/**
 * Organisations of the county medical community and their hierarchy, practitioners and care teams.
 */
@ApplicationModule(displayName = "registry", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo" })
package org.yiwang.registry;

import org.springframework.modulith.ApplicationModule;
