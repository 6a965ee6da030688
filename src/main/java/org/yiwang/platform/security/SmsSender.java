package org.yiwang.platform.security;

/**
 * Sends one-time sign-in codes to residents' mainland mobile numbers. A deployment chooses its operator's gateway
 * ({@code yiwang.sms.provider}); the embedded default writes the message to the server log, which is only good for a
 * demo or a developer's machine.
 */
public interface SmsSender {

    /**
     * Sends a one-time sign-in code to {@code mobileNumber} (11 digits, no prefix). Gateways that send only approved
     * templates (Alibaba Cloud SMS and the other Chinese operators: 短信模板) fill the template with {@code code};
     * gateways that take free text send {@code text}, the whole message in the resident's language. Implementations
     * never log the code.
     *
     * @throws SmsDeliveryException when the gateway refused or could not be reached, so that the resident is told to
     *                              try again instead of waiting for a code that never comes
     */
    void sendSignInCode(String mobileNumber, String code, long validityMinutes, String text);
}
