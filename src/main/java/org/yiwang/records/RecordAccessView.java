package org.yiwang.records;

import java.time.Instant;
import java.util.Set;

/**
 * What a page shows about the current actor's access to a resident's record: the ground of the access, the kinds of
 * relationship in force, or the emergency override with its end and reason (the break-glass banner).
 */
public record RecordAccessView(AccessBasis basis, Set<CareRelationshipKind> relationships, Instant breakGlassUntil,
                               String breakGlassReason, boolean breakGlassOffered) {

    public RecordAccessView {
        relationships = Set.copyOf(relationships);
    }

    public boolean allowed() {
        return basis != AccessBasis.NONE;
    }

    public boolean breakGlass() {
        return basis == AccessBasis.BREAK_GLASS;
    }
}
