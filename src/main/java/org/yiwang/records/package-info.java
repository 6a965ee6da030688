/**
 * Shared health record: encounters, diagnoses, observations, reports, medications, immunizations, documents.
 */
@ApplicationModule(displayName = "records", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi" })
package org.yiwang.records;

import org.springframework.modulith.ApplicationModule;
