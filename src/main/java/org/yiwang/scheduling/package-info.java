/**
 * Schedules, time slots, appointments and registration fees.
 */
@ApplicationModule(displayName = "scheduling", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.scheduling;

import org.springframework.modulith.ApplicationModule;
