package org.yiwang.platform.security.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Issues, authenticates and revokes per-organisation API tokens. A token is {@code yw_<prefix>_<secret>};
 * only a keyed digest (the blind index) is stored, so a database leak reveals no usable token.
 * <p>
 * A verified token is kept in memory for {@code yiwang.security.api-token-cache-ttl} (a few seconds), by its keyed
 * digest — never the token itself — in a bounded map, so that a busy client's requests need no database look-up.
 * Revocation evicts the client's entries on this node at once; another node of a cluster trusts a token it verified
 * before the revocation for at most the cache lifetime. {@code last_used_at} is written at most once a minute per
 * client (per node).
 */
@Service
public class ApiClients {

    private static final String DIGEST_CONTEXT = "platform.api_client.token";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration MARK_USED_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration cacheTtl;
    private final int cacheSize;
    /** Verified tokens by hex of their keyed digest. */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    /** When this node last wrote {@code last_used_at}, per client. */
    private final ConcurrentHashMap<Long, Instant> markedUsed = new ConcurrentHashMap<>();

    private record Verified(ApiClientPrincipal client, Instant until) {
    }

    @Autowired
    ApiClients(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock, SecuritySettings settings) {
        this(jdbc, encryption, audit, clock, settings.apiTokenCacheTtl(), settings.apiTokenCacheSize());
    }

    ApiClients(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock, Duration cacheTtl,
            int cacheSize) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.audit = audit;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
        this.cacheSize = Math.max(cacheSize, 1);
    }

    /** A client as listed to admins; never includes the token. */
    public record ApiClientView(long id, long organisationId, String name, String tokenPrefix, Instant createdAt,
            String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** The new client and its token, which is shown once and cannot be recovered. */
    public record IssuedToken(long clientId, String token) {
    }

    @Transactional
    public IssuedToken issue(long organisationId, String name, String issuedBy) {
        String prefix = randomToken(6);
        String token = "yw_" + prefix + "_" + randomToken(32);
        long id = jdbc.sql("""
                insert into platform.api_client (organisation_id, name, token_prefix, token_digest, created_by)
                values (:org, :name, :prefix, :digest, :by) returning id""")
                .param("org", organisationId)
                .param("name", name)
                .param("prefix", prefix)
                .param("digest", digest(token))
                .param("by", issuedBy)
                .query(Long.class)
                .single();
        audit.record(AuditEvent.administration("API_CLIENT_ISSUED", "ApiClient", String.valueOf(id),
                "organisation " + organisationId + ", prefix " + prefix));
        return new IssuedToken(id, token);
    }

    @Transactional
    public boolean revoke(long clientId, String revokedBy) {
        int changed = jdbc.sql("""
                update platform.api_client set revoked_at = now(), revoked_by = :by
                where id = :id and revoked_at is null""")
                .param("id", clientId)
                .param("by", revokedBy)
                .update();
        // this node refuses the token from now on; other nodes within the cache lifetime
        verified.values().removeIf(v -> v.client().clientId() == clientId);
        if (changed > 0) {
            audit.record(AuditEvent.administration("API_CLIENT_REVOKED", "ApiClient", String.valueOf(clientId), null));
        }
        return changed > 0;
    }

    /**
     * The active client holding this token, if any: from the cache of recently verified tokens, else from the
     * database. Marks the client used at most once a minute, to spare writes.
     */
    Optional<ApiClientPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith("yw_") || token.length() > 200) {
            return Optional.empty();
        }
        byte[] digest = digest(token);
        String key = HexFormat.of().formatHex(digest);
        Instant now = clock.instant();
        Verified cached = verified.get(key);
        ApiClientPrincipal client;
        if (cached != null && now.isBefore(cached.until())) {
            client = cached.client();
        } else {
            Optional<ApiClientPrincipal> found = jdbc.sql("""
                    select id, name, organisation_id from platform.api_client
                    where token_digest = :digest and revoked_at is null""")
                    .param("digest", digest)
                    .query((rs, n) -> new ApiClientPrincipal(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                    .optional();
            if (found.isEmpty()) {
                verified.remove(key);
                return Optional.empty();
            }
            client = found.get();
            remember(key, new Verified(client, now.plus(cacheTtl)), now);
        }
        markUsed(client.clientId(), now);
        return Optional.of(client);
    }

    private void remember(String key, Verified entry, Instant now) {
        if (verified.size() >= cacheSize) {
            verified.values().removeIf(v -> !now.isBefore(v.until()));
            if (verified.size() >= cacheSize) {
                verified.clear();
            }
        }
        verified.put(key, entry);
    }

    private void markUsed(long clientId, Instant now) {
        Instant last = markedUsed.get(clientId);
        if (last != null && now.isBefore(last.plus(MARK_USED_EVERY))) {
            return;
        }
        // one thread per client and minute writes; the others go on
        boolean mine = last == null ? markedUsed.putIfAbsent(clientId, now) == null
                : markedUsed.replace(clientId, last, now);
        if (!mine) {
            return;
        }
        if (markedUsed.size() > cacheSize) {
            markedUsed.entrySet().removeIf(e -> now.isAfter(e.getValue().plus(MARK_USED_EVERY)));
        }
        jdbc.sql("""
                update platform.api_client set last_used_at = :now
                where id = :id and (last_used_at is null or last_used_at < cast(:now as timestamptz) - interval '1 minute')""")
                .param("id", clientId)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }

    /** Newest first, bounded. */
    public List<ApiClientView> list(int limit) {
        return jdbc.sql("""
                select id, organisation_id, name, token_prefix, created_at, created_by, last_used_at, revoked_at, revoked_by
                from platform.api_client order by id desc limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new ApiClientView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)), rs.getString(9)))
                .list();
    }

    private byte[] digest(String token) {
        return encryption.blindIndex(token, DIGEST_CONTEXT);
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('_', 'x').replace('-', 'y');
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
