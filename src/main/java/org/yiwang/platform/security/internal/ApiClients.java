package org.yiwang.platform.security.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Issues, authenticates and revokes per-organisation API tokens. A token is {@code yw_<prefix>_<secret>};
 * only a keyed digest (the blind index) is stored, so a database leak reveals no usable token.
 */
@Service
public class ApiClients {

    private static final String DIGEST_CONTEXT = "platform.api_client.token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditTrail audit;

    ApiClients(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.audit = audit;
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
        if (changed > 0) {
            audit.record(AuditEvent.administration("API_CLIENT_REVOKED", "ApiClient", String.valueOf(clientId), null));
        }
        return changed > 0;
    }

    /** The active client holding this token, if any. Marks it used at most once a minute, to spare writes. */
    Optional<ApiClientPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith("yw_") || token.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiClientPrincipal> client = jdbc.sql("""
                select id, name, organisation_id from platform.api_client
                where token_digest = :digest and revoked_at is null""")
                .param("digest", digest(token))
                .query((rs, n) -> new ApiClientPrincipal(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .optional();
        client.ifPresent(c -> jdbc.sql("""
                update platform.api_client set last_used_at = now()
                where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
                .param("id", c.clientId())
                .update());
        return client;
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
