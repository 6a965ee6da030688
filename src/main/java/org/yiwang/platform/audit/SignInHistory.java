package org.yiwang.platform.audit;

import java.time.Instant;
import java.util.List;

/** A person's own recent sign-in attempts, so they can spot use of their account that was not theirs. */
public interface SignInHistory {

    /** Newest first, at most {@code limit}. */
    List<SignIn> recent(String username, int limit);

    record SignIn(Instant at, String clientAddress, AuditEvent.Outcome outcome) {
    }
}
