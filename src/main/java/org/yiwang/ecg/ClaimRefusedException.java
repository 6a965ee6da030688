package org.yiwang.ecg;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A reader may not claim, release or sign this recording now: another reader holds it, it was signed already, or it
 * belongs to another reading centre. A 409 with a reason safe to show.
 */
public class ClaimRefusedException extends ResponseStatusException {

    private final String messageKey;
    private final transient Object[] args;

    public ClaimRefusedException(String reason, String messageKey, Object... args) {
        super(HttpStatus.CONFLICT, reason);
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    /** The refusal in the user's words: an {@code ecg.worklist.*} bundle key with {@link #args()}. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
