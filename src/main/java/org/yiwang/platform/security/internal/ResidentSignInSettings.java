package org.yiwang.platform.security.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Residents' sign-in with a one-time code, {@code yiwang.security.otp.*}.
 *
 * @param codeValidity how long a code can be used after it was sent
 * @param maxAttempts wrong entries after which the code is dead and a new one must be requested
 * @param resendInterval least time between two codes to one number
 * @param maxSendsPerDay codes to one number per calendar day (Asia/Shanghai)
 * @param minSignInAge residents younger than this cannot sign in themselves (PIPL-03: 14); their guardian does
 */
@ConfigurationProperties("yiwang.security.otp")
record ResidentSignInSettings(
        @DefaultValue("5m") Duration codeValidity,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("60s") Duration resendInterval,
        @DefaultValue("10") int maxSendsPerDay,
        @DefaultValue("14") int minSignInAge) {

    ResidentSignInSettings {
        if (maxAttempts < 1 || maxSendsPerDay < 1 || codeValidity.isNegative() || codeValidity.isZero()
                || resendInterval.isNegative() || minSignInAge < 0) {
            throw new IllegalArgumentException("yiwang.security.otp: limits must be positive");
        }
    }
}
