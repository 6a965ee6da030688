package org.yiwang.platform.web.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/** Lets an integrator check their token: which client and organisation the API sees. */
@RestController
class ApiIdentityController {

    private final CurrentActor currentActor;

    ApiIdentityController(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    record ApiIdentity(long clientId, String name, Long organisationId) {
    }

    @GetMapping("/api/v1/me")
    ApiIdentity me() {
        Actor actor = currentActor.require();
        return new ApiIdentity(actor.accountId(), actor.displayName(), actor.actingOrganisationId());
    }
}
