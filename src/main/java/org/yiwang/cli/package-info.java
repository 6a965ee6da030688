/**
 * Command-line entry points: evaluations, imports, benchmarks, audit verification.
 */
@ApplicationModule(displayName = "cli", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi", "records", "ecg" })
package org.yiwang.cli;

import org.springframework.modulith.ApplicationModule;
