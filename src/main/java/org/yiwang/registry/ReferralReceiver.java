package org.yiwang.registry;

/**
 * An organisation that can receive a referral for a service.
 *
 * @param networkDistance edges between sender and receiver in the network tree (1 = the parent)
 * @param above whether the receiver is an ancestor of the sender (an up-referral in the hierarchy)
 */
public record ReferralReceiver(OrganisationSummary organisation, int networkDistance, boolean above) {
}
