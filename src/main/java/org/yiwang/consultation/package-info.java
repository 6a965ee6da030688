/**
 * Internet hospital: online follow-up visits, e-prescriptions, pharmacist review, delivery.
 */
@ApplicationModule(displayName = "consultation", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.consultation;

import org.springframework.modulith.ApplicationModule;
