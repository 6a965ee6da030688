/**
 * FHIR R4 facade over the modules' public APIs. HAPI FHIR types stay inside this module.
 */
@ApplicationModule(displayName = "fhir", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi", "records" })
package org.yiwang.fhir;

import org.springframework.modulith.ApplicationModule;
