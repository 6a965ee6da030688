package org.yiwang.platform.security.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login-failure handling and password rules (SEC-04), {@code yiwang.security.*}.
 *
 * @param maxFailedLogins failed attempts that lock an account
 * @param lockoutDuration how long it stays locked
 * @param passwordMinLength minimum length of a new password
 * @param apiTokenCacheTtl how long a verified API token is trusted without asking the database again; a revocation
 *        takes effect at once on the node that revoked and within this time on every other node
 * @param apiTokenCacheSize at most this many verified tokens are kept (by keyed digest, never the token itself)
 */
@ConfigurationProperties("yiwang.security")
record SecuritySettings(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockoutDuration,
        @DefaultValue("10") int passwordMinLength,
        @DefaultValue("5s") Duration apiTokenCacheTtl,
        @DefaultValue("10000") int apiTokenCacheSize) {
}
