/**
 * Indicators and dashboards for the health commission, fed by events. No module depends on it.
 */
@ApplicationModule(displayName = "analytics", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.analytics;

import org.springframework.modulith.ApplicationModule;
