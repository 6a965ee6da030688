package org.yiwang.records;

import static org.yiwang.records.EntryStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code records.care_relationship}, {@code records.break_glass} and {@code records.sensitive_grant}. */
@Repository
class AccessStore {

    /** More relationships of one organisation with one resident than this are never needed to decide. */
    private static final int FACTS_LIMIT = 20;

    private static final String RELATIONSHIP = "id, resident_id, organisation_id, kind, source_reference, started_at, ends_at";
    private static final String GLASS = "id, account_id, organisation_id, resident_id, reason, started_at, expires_at";
    private static final String GRANT = "id, resident_id, organisation_id, category, granted_by, reason, granted_at, "
            + "expires_at, revoked_at";

    private final JdbcClient jdbc;

    AccessStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * TREATING relationships for entries that were loaded in bulk (demo county, load command), as recording each
     * would have made them: from the first item to the last plus the treating window.
     */
    int treatingFromEntries(java.time.Duration window) {
        return jdbc.sql("""
                        insert into records.care_relationship (resident_id, organisation_id, kind, started_at, ends_at)
                        select resident_id, organisation_id, 'TREATING', min(effective_at),
                               max(effective_at) + cast(:window as interval)
                        from records.entry where voided_at is null group by resident_id, organisation_id
                        on conflict (resident_id, organisation_id) where kind = 'TREATING' do update
                            set ends_at = greatest(records.care_relationship.ends_at, excluded.ends_at)""")
                .param("window", window.toSeconds() + " seconds")
                .update();
    }

    /**
     * Records that the organisation treats the resident until {@code until}: one TREATING row per resident and
     * organisation, moved forward only when that gains more than a day, so that a clinic recording a hundred items
     * a day rewrites the row once.
     */
    void treating(long residentId, long organisationId, Instant now, Instant until, Long by) {
        jdbc.sql("""
                        insert into records.care_relationship (resident_id, organisation_id, kind, started_at, ends_at, created_by)
                        values (:resident, :organisation, 'TREATING', :now, :until, :by)
                        on conflict (resident_id, organisation_id) where kind = 'TREATING' do update
                        set ends_at = excluded.ends_at,
                            started_at = case when care_relationship.ends_at <= excluded.started_at
                                              then excluded.started_at else care_relationship.started_at end,
                            ended_by = null
                        where care_relationship.ends_at < excluded.ends_at - interval '1 day'""")
                .param("resident", residentId).param("organisation", organisationId)
                .param("now", utc(now)).param("until", utc(until)).param("by", by)
                .update();
    }

    /** A granted relationship; a retry with the same source reference (re)opens the one it made and returns it. */
    long grant(long residentId, long organisationId, CareRelationshipKind kind, String sourceReference,
               Instant startedAt, Instant endsAt, Long by) {
        return jdbc.sql("""
                        insert into records.care_relationship (resident_id, organisation_id, kind, source_reference,
                            started_at, ends_at, created_by)
                        values (:resident, :organisation, :kind, :source, :started, :ends, :by)
                        on conflict (kind, organisation_id, resident_id, source_reference)
                            where kind <> 'TREATING' and source_reference is not null
                        do update set ends_at = excluded.ends_at, ended_by = null
                        returning id""")
                .param("resident", residentId).param("organisation", organisationId).param("kind", kind.name())
                .param("source", sourceReference).param("started", utc(startedAt)).param("ends", utc(endsAt))
                .param("by", by)
                .query(Long.class).single();
    }

    Optional<CareRelationship> relationship(long id) {
        return jdbc.sql("select " + RELATIONSHIP + " from records.care_relationship where id = :id")
                .param("id", id).query(AccessStore::relationship).optional();
    }

    /** Relationships of this kind from this source reference, any organisation and resident (a referral's two ends). */
    List<CareRelationship> bySource(CareRelationshipKind kind, String sourceReference) {
        return jdbc.sql("select " + RELATIONSHIP + " from records.care_relationship where kind = :kind "
                        + "and source_reference = :source and kind <> 'TREATING' limit 100")
                .param("kind", kind.name()).param("source", sourceReference)
                .query(AccessStore::relationship).list();
    }

    /** Ends a relationship still in force at {@code now}; false when it had ended already. */
    boolean end(long id, Instant now, Long by) {
        return jdbc.sql("""
                        update records.care_relationship set ends_at = greatest(started_at, :now), ended_by = :by
                        where id = :id and (ends_at is null or ends_at > :now)""")
                .param("id", id).param("now", utc(now)).param("by", by).update() == 1;
    }

    /** The resident's relationships, those in force first, newest first, at most {@code limit}. */
    List<CareRelationship> relationships(List<Long> residentIds, Instant now, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("now", utc(now), "limit", limit));
        return jdbc.sql("select " + RELATIONSHIP + " from records.care_relationship where "
                        + SqlLists.equalsAny("resident_id", "ids", residentIds, Long[]::new, params)
                        + " order by (ends_at is null or ends_at > :now) desc, started_at desc, id desc limit :limit")
                .params(params)
                .query(AccessStore::relationship).list();
    }

    /** What the access policy needs about one organisation (and one account) and a resident's record ids. */
    AccessPolicy.Facts facts(List<Long> residentIds, long organisationId, Long accountId, Instant now) {
        // relationships and sensitive grants in one round trip (the grants are kept only when a ground is found)
        List<CareRelationship> relationships = new ArrayList<>();
        List<SensitiveGrant> grantsFound = new ArrayList<>();
        Map<String, Object> params = new HashMap<>(Map.of("org", organisationId, "now", utc(now)));
        String ofResidents = SqlLists.equalsAny("resident_id", "ids", residentIds, Long[]::new, params);
        jdbc.sql("""
                        (select 'R' as fact, %1$s, null as category, cast(null as bigint) as granted_by, null as reason,
                          cast(null as timestamptz) as granted_at, cast(null as timestamptz) as expires_at,
                          cast(null as timestamptz) as revoked_at
                        from records.care_relationship
                        where %2$s and organisation_id = :org and started_at <= :now
                          and (ends_at is null or ends_at > :now) limit %3$d)
                        union all
                        (select 'G', id, resident_id, organisation_id, null, null, cast(null as timestamptz),
                                cast(null as timestamptz), category, granted_by, reason, granted_at, expires_at,
                                revoked_at
                         from records.sensitive_grant where %2$s
                         and organisation_id = :org and revoked_at is null and expires_at > :now
                         and granted_at <= :now limit %3$d)""".formatted(RELATIONSHIP, ofResidents, FACTS_LIMIT))
                .params(params)
                .query((rs, n) -> {
                    if ("R".equals(rs.getString("fact"))) {
                        relationships.add(relationship(rs, n));
                    } else {
                        grantsFound.add(grant(rs, n));
                    }
                    return null;
                }).list();
        if (accountId != null) {
            params.put("account", accountId);
        }
        List<BreakGlass> glasses = relationships.isEmpty() && accountId != null
                ? jdbc.sql("select " + GLASS + " from records.break_glass where " + ofResidents
                                + " and account_id = :account and organisation_id = :org and expires_at > :now "
                                + "and started_at <= :now order by expires_at desc limit " + FACTS_LIMIT)
                        .params(params)
                        .query(AccessStore::glass).list()
                : List.of();
        List<SensitiveGrant> grants = relationships.isEmpty() && glasses.isEmpty() ? List.of() : grantsFound;
        return new AccessPolicy.Facts(residentIds, relationships, glasses, grants, now);
    }

    BreakGlass breakGlass(long accountId, long organisationId, long residentId, String reason, Instant now,
                          Instant expires) {
        long id = jdbc.sql("""
                        insert into records.break_glass (account_id, organisation_id, resident_id, reason, started_at, expires_at)
                        values (:account, :org, :resident, :reason, :now, :expires) returning id""")
                .param("account", accountId).param("org", organisationId).param("resident", residentId)
                .param("reason", reason).param("now", utc(now)).param("expires", utc(expires))
                .query(Long.class).single();
        return new BreakGlass(id, accountId, organisationId, residentId, reason, now, expires);
    }

    long grantSensitive(long residentId, long organisationId, SensitiveCategory category, Long by, String reason,
                        Instant now, Instant expires) {
        return jdbc.sql("""
                        insert into records.sensitive_grant (resident_id, organisation_id, category, granted_by, reason,
                            granted_at, expires_at)
                        values (:resident, :org, :category, :by, :reason, :now, :expires) returning id""")
                .param("resident", residentId).param("org", organisationId).param("category", category.name())
                .param("by", by).param("reason", reason).param("now", utc(now)).param("expires", utc(expires))
                .query(Long.class).single();
    }

    Optional<SensitiveGrant> sensitiveGrant(long id) {
        return jdbc.sql("select " + GRANT + " from records.sensitive_grant where id = :id")
                .param("id", id).query(AccessStore::grant).optional();
    }

    boolean revokeSensitive(long id, Instant now, Long by) {
        return jdbc.sql("update records.sensitive_grant set revoked_at = :now, revoked_by = :by "
                        + "where id = :id and revoked_at is null")
                .param("id", id).param("now", utc(now)).param("by", by).update() == 1;
    }

    /** The resident's grants, newest first, at most {@code limit}. */
    List<SensitiveGrant> sensitiveGrants(List<Long> residentIds, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("limit", limit));
        return jdbc.sql("select " + GRANT + " from records.sensitive_grant where "
                        + SqlLists.equalsAny("resident_id", "ids", residentIds, Long[]::new, params)
                        + " order by granted_at desc, id desc limit :limit")
                .params(params)
                .query(AccessStore::grant).list();
    }

    private static CareRelationship relationship(ResultSet rs, int row) throws SQLException {
        return new CareRelationship(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("organisation_id"),
                CareRelationshipKind.valueOf(rs.getString("kind")), rs.getString("source_reference"),
                instant(rs, "started_at"), instant(rs, "ends_at"));
    }

    private static BreakGlass glass(ResultSet rs, int row) throws SQLException {
        return new BreakGlass(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("organisation_id"),
                rs.getLong("resident_id"), rs.getString("reason"), instant(rs, "started_at"), instant(rs, "expires_at"));
    }

    private static SensitiveGrant grant(ResultSet rs, int row) throws SQLException {
        return new SensitiveGrant(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("organisation_id"),
                SensitiveCategory.valueOf(rs.getString("category")), rs.getObject("granted_by", Long.class),
                rs.getString("reason"), instant(rs, "granted_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
