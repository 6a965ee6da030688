package org.yiwang.registry;

import java.util.List;

/**
 * One organisation in the network tree with its children (ordered by code) and counts for browsing.
 *
 * @param depth 0 for a root
 * @param practitionerCount practitioners whose primary organisation this is
 */
public record OrganisationNode(OrganisationSummary organisation, boolean active, int depth, long practitionerCount,
        List<OrganisationNode> children) {

    public OrganisationNode {
        children = List.copyOf(children);
    }

    /** This node and every descendant, depth first. */
    public int size() {
        return 1 + children.stream().mapToInt(OrganisationNode::size).sum();
    }
}
