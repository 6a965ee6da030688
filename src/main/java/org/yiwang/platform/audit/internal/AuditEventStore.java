package org.yiwang.platform.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** SQL of the audit tables. Callers own the transactions. */
@Repository
class AuditEventStore {

    /** Serializes sealers and purges across nodes; readers and writers never take it. */
    private static final long CHAIN_LOCK_KEY = 0x7969_7761_6E67_A0D1L;

    private static final String ENTRY_COLUMNS = """
            id, occurred_at, category, action, outcome, actor_account_id, actor_username, actor_role, actor_kind,
            organisation_id, resident_id, object_type, object_id, purpose, subject, detail, client_address,
            correlation_id""";

    private final JdbcClient jdbc;
    AuditEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the entry and puts it in the sealer's queue (platform.audit_unsealed), with one statement. */
    long insert(AuditEntry e) {
        return jdbc.sql("""
                        with e as (
                            insert into platform.audit_event (occurred_at, category, action, outcome, actor_account_id,
                                actor_username, actor_role, actor_kind, organisation_id, resident_id, object_type,
                                object_id, purpose, subject, detail, client_address, correlation_id)
                            values (:occurredAt, :category, :action, :outcome, :actorAccountId, :actorUsername,
                                :actorRole, :actorKind, :organisationId, :residentId, :objectType, :objectId, :purpose,
                                :subject, :detail, :clientAddress, :correlationId)
                            returning id)
                        insert into platform.audit_unsealed (event_id) select id from e returning event_id""")
                .param("occurredAt", utc(e.occurredAt()))
                .param("category", e.category())
                .param("action", e.action())
                .param("outcome", e.outcome())
                .param("actorAccountId", e.actorAccountId())
                .param("actorUsername", e.actorUsername())
                .param("actorRole", e.actorRole())
                .param("actorKind", e.actorKind())
                .param("organisationId", e.organisationId())
                .param("residentId", e.residentId())
                .param("objectType", e.objectType())
                .param("objectId", e.objectId())
                .param("purpose", e.purpose())
                .param("subject", e.subject())
                .param("detail", e.detail())
                .param("clientAddress", e.clientAddress())
                .param("correlationId", e.correlationId())
                .query(Long.class)
                .single();
    }

    /** Most entries one statement of {@link #insertAll} carries. */
    static final int INSERT_CHUNK = 2_000;

    /**
     * Many entries with one multi-row statement per {@value #INSERT_CHUNK} (arrays unnested server-side, rows taken
     * in list order, so ids, and with them the chain, follow the list). A JDBC batch would still execute one
     * statement per row in PostgreSQL.
     */
    void insertAll(List<AuditEntry> entries) {
        for (int from = 0; from < entries.size(); from += INSERT_CHUNK) {
            List<AuditEntry> chunk = entries.subList(from, Math.min(entries.size(), from + INSERT_CHUNK));
            jdbc.sql("""
                            with e as (
                            insert into platform.audit_event (occurred_at, category, action, outcome, actor_account_id,
                                actor_username, actor_role, actor_kind, organisation_id, resident_id, object_type,
                                object_id, purpose, subject, detail, client_address, correlation_id)
                            select occurred_at, category, action, outcome, actor_account_id, actor_username, actor_role,
                                actor_kind, organisation_id, resident_id, object_type, object_id, purpose, subject,
                                detail, client_address, correlation_id
                            from unnest(cast(:occurredAt as timestamptz[]), :category, :action, :outcome,
                                :actorAccountId, :actorUsername, :actorRole, :actorKind, :organisationId, :residentId,
                                :objectType, :objectId, :purpose, :subject, :detail, :clientAddress, :correlationId)
                                with ordinality as e(occurred_at, category, action, outcome, actor_account_id,
                                    actor_username, actor_role, actor_kind, organisation_id, resident_id, object_type,
                                    object_id, purpose, subject, detail, client_address, correlation_id, position)
                            order by position
                            returning id)
                            insert into platform.audit_unsealed (event_id) select id from e""")
                    .param("occurredAt", texts(chunk, e -> e.occurredAt().toString()))
                    .param("category", texts(chunk, AuditEntry::category))
                    .param("action", texts(chunk, AuditEntry::action))
                    .param("outcome", texts(chunk, AuditEntry::outcome))
                    .param("actorAccountId", longs(chunk, AuditEntry::actorAccountId))
                    .param("actorUsername", texts(chunk, AuditEntry::actorUsername))
                    .param("actorRole", texts(chunk, AuditEntry::actorRole))
                    .param("actorKind", texts(chunk, AuditEntry::actorKind))
                    .param("organisationId", longs(chunk, AuditEntry::organisationId))
                    .param("residentId", longs(chunk, AuditEntry::residentId))
                    .param("objectType", texts(chunk, AuditEntry::objectType))
                    .param("objectId", texts(chunk, AuditEntry::objectId))
                    .param("purpose", texts(chunk, AuditEntry::purpose))
                    .param("subject", texts(chunk, AuditEntry::subject))
                    .param("detail", texts(chunk, AuditEntry::detail))
                    .param("clientAddress", texts(chunk, AuditEntry::clientAddress))
                    .param("correlationId", texts(chunk, AuditEntry::correlationId))
                    .update();
        }
    }

    private static SqlArrayValue texts(List<AuditEntry> entries, Function<AuditEntry, String> field) {
        return new SqlArrayValue("text", (Object[]) entries.stream().map(field).toArray(String[]::new));
    }

    private static SqlArrayValue longs(List<AuditEntry> entries, Function<AuditEntry, Long> field) {
        return new SqlArrayValue("bigint", (Object[]) entries.stream().map(field).toArray(Long[]::new));
    }

    boolean tryLockChain() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                .param("key", CHAIN_LOCK_KEY).query(Boolean.class).single());
    }

    void lockChain() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK_KEY).query((rs, n) -> 1).single();
    }

    ChainAnchor anchor() {
        return jdbc.sql("""
                        select purged_through_seq, purged_through_hash, purged_mac, head_seq, head_hash, head_mac
                        from platform.audit_chain_anchor where id = 1""")
                .query((rs, n) -> new ChainAnchor(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getLong(4),
                        rs.getBytes(5), rs.getBytes(6)))
                .single();
    }

    /** The oldest entries in the sealer's queue (committed, not chained yet), in id order. */
    List<AuditEntry> unsealed(int limit) {
        // lateral: one primary-key probe per queued entry, never a scan of the whole trail
        return jdbc.sql("select " + ENTRY_COLUMNS + """
                         from (select event_id from platform.audit_unsealed order by event_id limit :limit) u
                        cross join lateral (select * from platform.audit_event where id = u.event_id) e
                        order by id""")
                .param("limit", limit)
                .query((rs, n) -> entry(rs))
                .list();
    }

    /**
     * The first entry that is neither sealed nor in the sealer's queue: only an insert around {@link #insert} makes
     * one. One pass over the trail, like the verification that asks.
     */
    Optional<Long> firstUnchained() {
        return jdbc.sql("""
                        select e.id from platform.audit_event e
                        where not exists (select 1 from platform.audit_seal s where s.event_id = e.id)
                          and not exists (select 1 from platform.audit_unsealed u where u.event_id = e.id)
                        order by e.id limit 1""")
                .query(Long.class)
                .optional();
    }

    long countUnsealed() {
        return jdbc.sql("select count(*) from platform.audit_unsealed").query(Long.class).single();
    }

    /** Keyset page of sealed entries after a chain position, in chain order. */
    List<ChainedEntry> chainPage(long afterSeq, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS + """
                        , chain_seq, prev_hash, entry_hash
                        from platform.audit_seal s join platform.audit_event e on e.id = s.event_id
                        where chain_seq > :after order by chain_seq limit :limit""")
                .param("after", afterSeq)
                .param("limit", limit)
                .query((rs, n) -> new ChainedEntry(entry(rs), rs.getLong("chain_seq"), rs.getBytes("prev_hash"),
                        rs.getBytes("entry_hash")))
                .list();
    }

    /** Links only (no fields), for the purge. */
    List<ChainLink> links(long afterSeq, int limit) {
        return jdbc.sql("""
                        select id, chain_seq, occurred_at, prev_hash, entry_hash
                        from platform.audit_seal s join platform.audit_event e on e.id = s.event_id
                        where chain_seq > :after order by chain_seq limit :limit""")
                .param("after", afterSeq)
                .param("limit", limit)
                .query((rs, n) -> new ChainLink(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getBytes(4), rs.getBytes(5)))
                .list();
    }

    /**
     * Writes a batch of chain links and takes their entries out of the queue, in one statement (arrays unnested
     * server-side): one round trip per batch instead of one per entry, so sealing keeps ahead of thousands of
     * audited reads a second. An entry sealed twice breaks the link table's key and rolls the batch back.
     */
    void seal(List<ChainedEntry> sealed, Instant sealedAt) {
        int updated = jdbc.sql("""
                with link as (
                    insert into platform.audit_seal (event_id, chain_seq, prev_hash, entry_hash, sealed_at)
                    select id, seq, prev, hash, :sealedAt from unnest(:ids, :seqs, :prevs, :hashes) as l(id, seq, prev, hash)
                    returning event_id)
                delete from platform.audit_unsealed u using link where u.event_id = link.event_id""")
                .param("ids", new SqlArrayValue("bigint", sealed.stream().map(s -> s.entry().id()).toArray(Long[]::new)))
                .param("seqs", new SqlArrayValue("bigint", sealed.stream().map(ChainedEntry::chainSeq).toArray(Long[]::new)))
                .param("prevs", new SqlArrayValue("bytea", (Object[]) sealed.stream().map(ChainedEntry::prevHash).toArray(byte[][]::new)))
                .param("hashes", new SqlArrayValue("bytea", (Object[]) sealed.stream().map(ChainedEntry::entryHash).toArray(byte[][]::new)))
                .param("sealedAt", utc(sealedAt))
                .update();
        if (updated != sealed.size()) {
            // Only possible if the chain lock was bypassed; roll back rather than fork the chain.
            throw new IllegalStateException("Audit entry was sealed concurrently; sealing batch rolled back");
        }
    }

    void moveHead(long seq, byte[] hash, byte[] mac, String algorithm) {
        jdbc.sql("update platform.audit_chain_anchor set head_seq = :seq, head_hash = :hash, head_mac = :mac, algorithm = :alg where id = 1")
                .param("seq", seq).param("hash", hash).param("mac", mac).param("alg", algorithm)
                .update();
    }

    void movePurgedThrough(long seq, byte[] hash, byte[] mac, Instant purgedAt) {
        jdbc.sql("""
                        update platform.audit_chain_anchor
                        set purged_through_seq = :seq, purged_through_hash = :hash, purged_mac = :mac, purged_at = :at
                        where id = 1""")
                .param("seq", seq).param("hash", hash).param("mac", mac).param("at", utc(purgedAt))
                .update();
    }

    /**
     * Deletes entries behind the anchor, then their links; the append-only triggers let only this transaction-local
     * purge through.
     */
    int deleteThrough(long afterSeq, long throughSeq) {
        jdbc.sql("select set_config('yiwang.audit_purge', 'on', true)").query((rs, n) -> 1).single();
        int deleted = jdbc.sql("""
                        delete from platform.audit_event e using platform.audit_seal s
                        where s.event_id = e.id and s.chain_seq > :after and s.chain_seq <= :through""")
                .param("after", afterSeq).param("through", throughSeq)
                .update();
        jdbc.sql("delete from platform.audit_seal where chain_seq > :after and chain_seq <= :through")
                .param("after", afterSeq).param("through", throughSeq)
                .update();
        return deleted;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("category"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getObject("actor_account_id", Long.class),
                rs.getString("actor_username"),
                rs.getString("actor_role"),
                rs.getString("actor_kind"),
                rs.getObject("organisation_id", Long.class),
                rs.getObject("resident_id", Long.class),
                rs.getString("object_type"),
                rs.getString("object_id"),
                rs.getString("purpose"),
                rs.getString("subject"),
                rs.getString("detail"),
                rs.getString("client_address"),
                rs.getString("correlation_id"));
    }

    record ChainLink(long id, long chainSeq, Instant occurredAt, byte[] prevHash, byte[] entryHash) {
    }
}
