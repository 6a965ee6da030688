package org.yiwang.platform.security.internal;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a person's open sessions (on every node: sessions live in PostgreSQL) when their access changes, so
 * a disabled account, a reset password or a new role takes effect at once rather than at the next login.
 */
@Component
class SessionTerminator {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    SessionTerminator(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    /** Deletes every session of {@code username} except {@code keepSessionId} (may be null); returns how many. */
    int endSessions(String username, String keepSessionId) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0; // command-line tools run without sessions
        }
        Set<String> ids = repository.findByPrincipalName(username).keySet();
        int ended = 0;
        for (String id : ids) {
            if (!id.equals(keepSessionId)) {
                repository.deleteById(id);
                ended++;
            }
        }
        return ended;
    }
}
