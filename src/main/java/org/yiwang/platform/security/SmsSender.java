package org.yiwang.platform.security;

/**
 * Sends a short text message to a mainland mobile number: the way one-time sign-in codes reach residents.
 * A deployment supplies its own bean (its operator's SMS gateway); without one the platform writes the message
 * to the server log, which is only good for a demo or a developer's machine.
 */
public interface SmsSender {

    /**
     * Sends {@code text} to {@code mobileNumber} (11 digits, no prefix). Throws when the gateway refused the message,
     * so that the resident is told to try again instead of waiting for a code that never comes.
     */
    void send(String mobileNumber, String text);
}
