/**
 * Two-way referral and remote consultation requests.
 */
@ApplicationModule(displayName = "referral", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.referral;

import org.springframework.modulith.ApplicationModule;
