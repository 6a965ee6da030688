package org.yiwang.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * The in-memory cache of verified API tokens: revocation, the cache lifetime that bounds it on other nodes, and
 * the once-a-minute {@code last_used_at} write.
 */
@IntegrationTest
class ApiTokenCacheIntegrationTests {

    private static final Duration TTL = Duration.ofSeconds(5);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    AuditTrail audit;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {

        Instant now = Instant.parse("2026-11-23T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private long anyOrganisation() {
        return jdbc.sql("select organisation_id from platform.account_membership limit 1").query(Long.class).single();
    }

    private ApiClients node(HandClock clock) {
        return new ApiClients(jdbc, encryption, audit, clock, TTL, 100);
    }

    @Test
    void revokedTokenIsRefusedAtOnceOnTheNodeThatRevokedIt() {
        HandClock clock = new HandClock();
        ApiClients node = node(clock);
        ApiClients.IssuedToken issued = node.issue(anyOrganisation(), "HIS cache test", "test");
        assertThat(node.authenticate(issued.token())).isPresent();

        node.revoke(issued.clientId(), "test");

        assertThat(node.authenticate(issued.token())).isEmpty();
    }

    @Test
    void revokedTokenIsRefusedWithinTheCacheLifetime() {
        HandClock clock = new HandClock();
        ApiClients node = node(clock);
        ApiClients otherNode = node(clock);
        ApiClients.IssuedToken issued = node.issue(anyOrganisation(), "HIS cache test", "test");
        assertThat(node.authenticate(issued.token())).isPresent();

        // revoked on another node of the cluster: this node's cache does not hear of it
        otherNode.revoke(issued.clientId(), "test");
        clock.now = clock.now.plus(TTL).minusMillis(1);
        assertThat(node.authenticate(issued.token())).as("still trusted inside the cache lifetime").isPresent();

        clock.now = clock.now.plusMillis(1);
        assertThat(node.authenticate(issued.token())).as("refused once the lifetime is over").isEmpty();
        assertThat(node.authenticate(issued.token())).isEmpty();
    }

    @Test
    void cachedTokenNeedsNoDatabaseUntilItsLifetimeEnds() {
        HandClock clock = new HandClock();
        ApiClients node = node(clock);
        ApiClients.IssuedToken issued = node.issue(anyOrganisation(), "HIS cache test", "test");
        assertThat(node.authenticate(issued.token())).isPresent();
        // the stored digest no longer matches: only the cache can still answer
        jdbc.sql("update platform.api_client set token_digest = :d where id = :id")
                .param("d", java.nio.ByteBuffer.allocate(8).putLong(-issued.clientId()).array()).param("id", issued.clientId()).update();

        assertThat(node.authenticate(issued.token())).isPresent();
        clock.now = clock.now.plus(TTL);
        assertThat(node.authenticate(issued.token())).isEmpty();
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinutePerClient() {
        HandClock clock = new HandClock();
        ApiClients node = node(clock);
        ApiClients.IssuedToken issued = node.issue(anyOrganisation(), "HIS cache test", "test");

        node.authenticate(issued.token());
        assertThat(lastUsed(issued.clientId())).isEqualTo(clock.now);

        clock.now = clock.now.plusSeconds(59);
        node.authenticate(issued.token());
        assertThat(lastUsed(issued.clientId())).isEqualTo(clock.now.minusSeconds(59));

        clock.now = clock.now.plusSeconds(2);
        node.authenticate(issued.token());
        assertThat(lastUsed(issued.clientId())).isEqualTo(clock.now);
    }

    @Test
    void unknownAndMalformedTokensAreRefused() {
        ApiClients node = node(new HandClock());
        assertThat(node.authenticate("yw_nothing_here")).isEmpty();
        assertThat(node.authenticate("Basic abc")).isEmpty();
        assertThat(node.authenticate(null)).isEmpty();
    }

    private Instant lastUsed(long clientId) {
        return jdbc.sql("select last_used_at from platform.api_client where id = :id").param("id", clientId)
                .query(java.time.OffsetDateTime.class).single().toInstant();
    }
}
