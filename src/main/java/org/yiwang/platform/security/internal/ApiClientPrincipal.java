package org.yiwang.platform.security.internal;

import java.io.Serializable;
import java.util.Set;
import org.yiwang.platform.security.Actor;

/** An authenticated system-to-system client acting for its organisation. */
record ApiClientPrincipal(long clientId, String name, long organisationId) implements Serializable {

    Actor actor() {
        return new Actor(clientId, "api-client:" + clientId, name, Actor.Kind.API_CLIENT, Set.of(), organisationId,
                null, null);
    }
}
