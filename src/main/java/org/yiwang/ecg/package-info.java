/**
 * Remote ECG network: intake, pre-analysis jobs, reading worklist and reports.
 */
@ApplicationModule(displayName = "ecg", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry", "mpi", "records" })
package org.yiwang.ecg;

import org.springframework.modulith.ApplicationModule;
