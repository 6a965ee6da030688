/**
 * Two-way referral (双向转诊): up- and down-referrals between the county's institutions, with the green channel.
 */
@ApplicationModule(displayName = "referral", allowedDependencies = { "platform :: security", "platform :: audit", "platform :: web", "registry", "mpi", "records", "ecg" })
package org.yiwang.referral;

import org.springframework.modulith.ApplicationModule;
