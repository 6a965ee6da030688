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

    /**
     * Sends a one-time sign-in code. Gateways that send only approved templates (Alibaba Cloud SMS and the other
     * Chinese operators: 短信模板) fill the template with {@code code}; the default sends {@code text}, the whole
     * message in the resident's language. Implementations never log the code.
     *
     * @param text the complete message, for gateways that take free text
     * @throws SmsDeliveryException when the gateway refused or could not be reached
     */
    default void sendSignInCode(String mobileNumber, String code, long validityMinutes, String text) {
        send(mobileNumber, text);
    }
}
