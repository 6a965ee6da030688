package org.yiwang.platform.security.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yiwang.platform.security.SmsSender;

/**
 * The embedded default: writes the message to the server log instead of sending it. Used only when no other
 * {@link SmsSender} bean exists; a real deployment supplies its SMS gateway. The number is logged masked.
 */
final class LogSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    @Override
    public void sendSignInCode(String mobileNumber, String code, long validityMinutes, String text) {
        log.warn("SMS not sent (no SMS gateway configured), to {}: {}", MobileNumbers.masked(mobileNumber), text);
    }
}
