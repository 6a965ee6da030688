/**
 * Master patient index: residents, identity documents, matching, review queue, merge and unmerge.
 */
@ApplicationModule(displayName = "mpi", allowedDependencies = { "platform :: security", "platform :: crypto", "platform :: audit", "platform :: web", "platform :: demo", "registry" })
package org.yiwang.mpi;

import org.springframework.modulith.ApplicationModule;
