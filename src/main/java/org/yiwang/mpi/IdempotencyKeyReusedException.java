package org.yiwang.mpi;

import org.yiwang.platform.web.InvalidInputException;

/** The same Idempotency-Key was sent earlier with a different request. */
public class IdempotencyKeyReusedException extends InvalidInputException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; use a new key per request.");
    }
}
