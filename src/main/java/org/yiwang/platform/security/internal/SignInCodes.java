package org.yiwang.platform.security.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * One-time sign-in codes per mobile number in {@code platform.sign_in_code}. A code is six random digits from
 * {@link SecureRandom}; only its keyed hash (HMAC under the blind-index key, with a fresh salt per code) is stored.
 * Issuing and checking are single SQL statements on the number's row, using the database clock, so the limits
 * hold when residents' requests reach several application nodes at once.
 */
@Component
class SignInCodes {

    static final String PHONE_CONTEXT = "platform.sign_in_code.phone";
    static final String CODE_CONTEXT = "platform.sign_in_code.code";
    private static final int CODE_DIGITS = 6;
    private static final int SALT_BYTES = 16;

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final ResidentSignInSettings settings;
    private final SecureRandom random = new SecureRandom();

    SignInCodes(JdbcClient jdbc, FieldEncryption encryption, ResidentSignInSettings settings) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.settings = settings;
    }

    /** What asking for a code gave. */
    sealed interface Issue {
    }

    /** A new code, valid until {@code expiresAt}; any earlier code of the number is dead. */
    record Issued(String code, Instant expiresAt) implements Issue {

        @Override
        public String toString() {
            return "Issued[code=******, expiresAt=" + expiresAt + "]";
        }
    }

    /** The last code was sent less than the resend interval ago. */
    record TooSoon(Duration retryAfter) implements Issue {
    }

    /** The number had its codes for today. */
    record DailyLimitReached() implements Issue {
    }

    /** What checking a code gave. */
    sealed interface Check {
    }

    record Accepted() implements Check {
    }

    /** Wrong code; {@code attemptsLeft} more tries before it is dead (0: ask for a new one). */
    record Wrong(int attemptsLeft) implements Check {
    }

    /** The code was entered wrongly too often; a new one is needed. */
    record TooManyAttempts() implements Check {
    }

    record Expired() implements Check {
    }

    /** No code was sent to this number, or it was used already. */
    record NoCode() implements Check {
    }

    byte[] phoneIndex(String mobileNumber) {
        return encryption.blindIndex(mobileNumber, PHONE_CONTEXT);
    }

    /** A short pseudonymous reference of the number for audit entries (keyed, so it cannot be reversed). */
    String reference(String mobileNumber) {
        return HexFormat.of().formatHex(phoneIndex(mobileNumber), 0, 6);
    }

    /** Issues a new code unless a resend limit stops it; call inside the transaction that sends the message. */
    /**
     * Deletes the rows of numbers that asked for no code since yesterday (Asia/Shanghai) and whose code is dead: their
     * daily counter no longer matters, and a hash of a number nobody uses should not stay. Idempotent, so every node
     * may run it.
     *
     * @return rows deleted
     */
    @Scheduled(cron = "${yiwang.security.sign-in-code-purge-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
    int purgeStale() {
        return jdbc.sql("""
                delete from platform.sign_in_code
                where send_day < cast(now() at time zone 'Asia/Shanghai' as date) - 1 and expires_at < now()""")
                .update();
    }

    Issue issue(String mobileNumber) {
        byte[] index = phoneIndex(mobileNumber);
        String code = String.format("%0" + CODE_DIGITS + "d", random.nextInt((int) Math.pow(10, CODE_DIGITS)));
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Optional<Instant> expiresAt = jdbc.sql("""
                insert into platform.sign_in_code as s (phone_index, code_hash, salt, issued_at, expires_at, attempts,
                                                       consumed_at, last_sent_at, send_day, sent_on_day)
                values (:index, :hash, :salt, now(), now() + make_interval(secs => :validity), 0, null, now(),
                        cast(now() at time zone 'Asia/Shanghai' as date), 1)
                on conflict (phone_index) do update
                set code_hash = excluded.code_hash, salt = excluded.salt, issued_at = excluded.issued_at,
                    expires_at = excluded.expires_at, attempts = 0, consumed_at = null,
                    last_sent_at = excluded.last_sent_at, send_day = excluded.send_day,
                    sent_on_day = case when s.send_day = excluded.send_day then s.sent_on_day + 1 else 1 end
                where s.last_sent_at <= now() - make_interval(secs => :interval)
                  and (s.send_day <> excluded.send_day or s.sent_on_day < :maxPerDay)
                returning expires_at""")
                .param("index", index)
                .param("hash", hash(mobileNumber, salt, code))
                .param("salt", salt)
                .param("validity", (double) settings.codeValidity().toSeconds())
                .param("interval", (double) settings.resendInterval().toSeconds())
                .param("maxPerDay", settings.maxSendsPerDay())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        if (expiresAt.isPresent()) {
            return new Issued(code, expiresAt.get());
        }
        return jdbc.sql("""
                select sent_on_day >= :maxPerDay and send_day = cast(now() at time zone 'Asia/Shanghai' as date),
                       greatest(0, extract(epoch from last_sent_at + make_interval(secs => :interval) - now()))
                from platform.sign_in_code where phone_index = :index""")
                .param("index", index)
                .param("maxPerDay", settings.maxSendsPerDay())
                .param("interval", (double) settings.resendInterval().toSeconds())
                .query((rs, n) -> rs.getBoolean(1)
                        ? (Issue) new DailyLimitReached()
                        : new TooSoon(Duration.ofSeconds((long) Math.ceil(rs.getDouble(2)))))
                .single();
    }

    /** Checks a code; every check of a live code counts as an attempt, right or wrong. */
    Check check(String mobileNumber, String code) {
        byte[] index = phoneIndex(mobileNumber);
        Optional<byte[]> salt = jdbc.sql("select salt from platform.sign_in_code where phone_index = :index")
                .param("index", index)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
        if (salt.isEmpty()) {
            return new NoCode();
        }
        record Attempt(boolean accepted, int attempts) {
        }
        Optional<Attempt> attempt = jdbc.sql("""
                update platform.sign_in_code
                set attempts = attempts + 1,
                    consumed_at = case when code_hash = :hash then now() end
                where phone_index = :index and salt = :salt and consumed_at is null and expires_at > now()
                  and attempts < :max
                returning consumed_at is not null, attempts""")
                .param("index", index)
                .param("salt", salt.get())
                .param("hash", hash(mobileNumber, salt.get(), code))
                .param("max", settings.maxAttempts())
                .query((rs, n) -> new Attempt(rs.getBoolean(1), rs.getInt(2)))
                .optional();
        if (attempt.isPresent()) {
            return attempt.get().accepted()
                    ? new Accepted()
                    : new Wrong(Math.max(0, settings.maxAttempts() - attempt.get().attempts()));
        }
        // Nothing updated: say why (a concurrent new code in between counts as a wrong entry of the old one).
        return jdbc.sql("""
                select consumed_at is not null, attempts >= :max, expires_at <= now(), salt = :salt
                from platform.sign_in_code where phone_index = :index""")
                .param("index", index)
                .param("max", settings.maxAttempts())
                .param("salt", salt.get())
                .query((rs, n) -> {
                    if (!rs.getBoolean(4)) {
                        return (Check) new Wrong(settings.maxAttempts());
                    }
                    if (rs.getBoolean(1)) {
                        return new NoCode();
                    }
                    if (rs.getBoolean(2)) {
                        return new TooManyAttempts();
                    }
                    return rs.getBoolean(3) ? new Expired() : new NoCode();
                })
                .optional()
                .orElse(new NoCode());
    }

    private byte[] hash(String mobileNumber, byte[] salt, String code) {
        return encryption.blindIndex(mobileNumber + ':' + HexFormat.of().formatHex(salt) + ':' + code, CODE_CONTEXT);
    }
}
