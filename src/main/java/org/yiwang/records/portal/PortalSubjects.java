package org.yiwang.records.portal;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * The person a signed-in resident is viewing in the portal: the session's choice while it is still allowed (checked
 * on every request, so a revoked authorisation applies at once), otherwise the resident themselves.
 */
@Component
class PortalSubjects {

    static final String SESSION_KEY = "yiwang.portal.subject";

    private final CurrentActor currentActor;
    private final PortalAccess access;

    PortalSubjects(CurrentActor currentActor, PortalAccess access) {
        this.currentActor = currentActor;
        this.access = access;
    }

    /** The person being viewed and how the signed-in resident relates to them. */
    record Subject(long self, long residentId, PortalAccess.Relation relation) {

        public boolean own() {
            return relation == PortalAccess.Relation.SELF;
        }

        /** Hiding items is the resident's consent, or a guardian's for a child; an authorised relative only reads. */
        public boolean keepsConsent() {
            return relation == PortalAccess.Relation.SELF || relation == PortalAccess.Relation.GUARDIAN;
        }

        public String purpose() {
            return relation.purpose();
        }
    }

    Subject current(HttpSession session) {
        Actor actor = currentActor.require();
        long self = access.self(actor);
        if (session.getAttribute(SESSION_KEY) instanceof Long chosen && chosen != self) {
            Optional<PortalAccess.Relation> relation = access.relation(self, chosen);
            if (relation.isPresent()) {
                return new Subject(self, chosen, relation.get());
            }
            session.removeAttribute(SESSION_KEY);
        }
        return new Subject(self, self, PortalAccess.Relation.SELF);
    }

    /** The resident themselves, forgetting any other person chosen (for decisions only they may take). */
    Subject own(HttpSession session) {
        long self = access.self(currentActor.require());
        session.removeAttribute(SESSION_KEY);
        return new Subject(self, self, PortalAccess.Relation.SELF);
    }
}
