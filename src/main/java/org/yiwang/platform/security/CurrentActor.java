package org.yiwang.platform.security;

import java.util.Optional;
import java.util.Set;

/** Who is acting in the current request or command. */
public interface CurrentActor {

    /** The authenticated actor, empty for anonymous requests and system jobs. */
    Optional<Actor> current();

    /** The authenticated actor; throws {@link IllegalStateException} if there is none. */
    /** Organisations the current staff member may act for (the organisation switcher); empty otherwise. */
    default Set<Long> memberOrganisationIds() {
        return Set.of();
    }

    default Actor require() {
        return current().orElseThrow(() -> new IllegalStateException("No authenticated actor"));
    }
}
