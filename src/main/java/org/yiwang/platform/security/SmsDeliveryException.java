package org.yiwang.platform.security;

/**
 * The SMS gateway refused a message or could not be reached. The message never contains the text sent (it may hold
 * a one-time code).
 */
public class SmsDeliveryException extends RuntimeException {

    /** Whether sending again later may succeed (gateway unreachable, 5xx, rate limit) or not (bad number, 4xx). */
    private final boolean transientFailure;

    public SmsDeliveryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
