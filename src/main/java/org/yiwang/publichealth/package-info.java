/**
 * Family-doctor contracts, chronic-disease management, screening and vaccination programmes.
 */
@ApplicationModule(displayName = "publichealth", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.publichealth;

import org.springframework.modulith.ApplicationModule;
