package org.yiwang.platform.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yiwang.platform.security.NewStaffAccount.Membership;
import org.yiwang.platform.security.Role;

/** SQL for platform.account and platform.account_membership. */
@Repository
class AccountStore {

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AccountRecord> findByUsername(String username) {
        return jdbc.sql("select * from platform.account where lower(username) = lower(:username)")
                .param("username", username)
                .query(this::row)
                .optional()
                .map(this::withMemberships);
    }

    Optional<AccountRecord> findById(long id) {
        return jdbc.sql("select * from platform.account where id = :id")
                .param("id", id)
                .query(this::row)
                .optional()
                .map(this::withMemberships);
    }

    /** One page of accounts ordered by username, after {@code afterUsername} (keyset paging). */
    List<AccountRecord> page(String afterUsername, String search, int limit) {
        List<AccountRecord> accounts = jdbc.sql("""
                select * from platform.account
                where (:after = '' or lower(username) > lower(:after))
                  and (:search = '' or username ilike :pattern or display_name ilike :pattern)
                order by lower(username)
                limit :limit""")
                .param("after", afterUsername == null ? "" : afterUsername)
                .param("search", search == null ? "" : search)
                .param("pattern", "%" + (search == null ? "" : search.replace("%", "\\%").replace("_", "\\_")) + "%")
                .param("limit", limit)
                .query(this::row)
                .list();
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<Long, List<Membership>> memberships = membershipsOf(accounts.stream().map(AccountRecord::id).toList());
        return accounts.stream()
                .map(a -> copyWith(a, memberships.getOrDefault(a.id(), List.of())))
                .toList();
    }

    long insert(String username, String displayName, String passwordHash, String kind, Long practitionerId,
            Long residentId, boolean demo, boolean mustChangePassword, String createdBy) {
        return jdbc.sql("""
                insert into platform.account (username, display_name, password_hash, kind, practitioner_id, resident_id,
                                              demo, must_change_password, created_by)
                values (:username, :displayName, :hash, :kind, :practitionerId, :residentId, :demo, :mustChange, :createdBy)
                returning id""")
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .param("kind", kind)
                .param("practitionerId", practitionerId)
                .param("residentId", residentId)
                .param("demo", demo)
                .param("mustChange", mustChangePassword)
                .param("createdBy", createdBy)
                .query(Long.class)
                .single();
    }

    /** The portal account of a resident, if one was created. */
    Optional<AccountRecord> findByResidentId(long residentId) {
        return jdbc.sql("select * from platform.account where resident_id = :residentId and kind = 'RESIDENT'")
                .param("residentId", residentId)
                .query(this::row)
                .optional();
    }

    /** Portal accounts of these residents that have a password of the resident's own (bounded by the caller). */
    List<AccountRecord> residentAccountsWithPassword(Collection<Long> residentIds) {
        if (residentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select * from platform.account
                where kind = 'RESIDENT' and resident_id in (:ids) and password_set order by id""")
                .param("ids", residentIds)
                .query(this::row)
                .list();
    }

    /**
     * Creates the portal account of a resident signing in with a one-time code, without a password of their own
     * ({@code password_set} false; the hash is of a random secret nobody knows). Empty when the resident already
     * has an account (a concurrent first sign-in on another node) or the login name is taken.
     */
    Optional<Long> insertResidentWithoutPassword(String username, String displayName, String unusableHash,
            long residentId) {
        return jdbc.sql("""
                insert into platform.account (username, display_name, password_hash, kind, resident_id, demo,
                                              must_change_password, password_set, created_by)
                values (:username, :displayName, :hash, 'RESIDENT', :residentId, false, false, false, 'sign-in-code')
                on conflict do nothing
                returning id""")
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", unusableHash)
                .param("residentId", residentId)
                .query(Long.class)
                .optional();
    }

    boolean passwordSet(long accountId) {
        return jdbc.sql("select password_set from platform.account where id = :id")
                .param("id", accountId)
                .query(Boolean.class)
                .single();
    }

    void addMembership(long accountId, long organisationId, Role role) {
        jdbc.sql("""
                insert into platform.account_membership (account_id, organisation_id, role)
                values (:accountId, :organisationId, :role) on conflict do nothing""")
                .param("accountId", accountId)
                .param("organisationId", organisationId)
                .param("role", role.name())
                .update();
    }

    boolean exists(String username) {
        return jdbc.sql("select exists(select 1 from platform.account where lower(username) = lower(:u))")
                .param("u", username)
                .query(Boolean.class)
                .single();
    }

    /** A counted failed login: the account's own spelling of its name, and the lock end if it is now locked. */
    record FailedLogin(String username, Instant lockedUntil) {
    }

    /**
     * Counts a failed login and locks the account once {@code maxFailures} is reached; one statement with a row
     * lock, so concurrent attempts on several nodes cannot slip under the limit. An active lock is neither
     * extended nor counted against; after it has expired counting starts again. Empty for unknown names.
     */
    Optional<FailedLogin> recordFailedLogin(String username, int maxFailures, Duration lockout) {
        return jdbc.sql("""
                with counted as (
                    select id,
                           case when locked_until > now() then failed_attempts
                                when locked_until is not null then 1
                                else failed_attempts + 1 end as attempts,
                           locked_until > now() as still_locked
                    from platform.account where lower(username) = lower(:username)
                    for update
                )
                update platform.account a
                set failed_attempts = c.attempts,
                    locked_until = case when c.still_locked then a.locked_until
                                        when c.attempts >= :max then now() + make_interval(secs => :secs)
                                        else null end
                from counted c
                where a.id = c.id
                returning a.username, a.locked_until""")
                .param("username", username)
                .param("max", maxFailures)
                .param("secs", (double) lockout.toSeconds())
                .query((rs, n) -> new FailedLogin(rs.getString(1),
                        Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant).orElse(null)))
                .optional();
    }

    void recordSuccessfulLogin(long accountId) {
        jdbc.sql("""
                update platform.account set failed_attempts = 0, locked_until = null, last_login_at = now()
                where id = :id""")
                .param("id", accountId)
                .update();
    }

    void changePassword(long accountId, String passwordHash) {
        jdbc.sql("""
                update platform.account set password_hash = :hash, must_change_password = false, password_changed_at = now(),
                       password_set = true
                where id = :id""")
                .param("id", accountId)
                .param("hash", passwordHash)
                .update();
    }

    void resetPassword(long accountId, String passwordHash) {
        jdbc.sql("""
                update platform.account set password_hash = :hash, must_change_password = true,
                       failed_attempts = 0, locked_until = null
                where id = :id""")
                .param("id", accountId)
                .param("hash", passwordHash)
                .update();
    }

    void setEnabled(long accountId, boolean enabled) {
        jdbc.sql("update platform.account set enabled = :enabled where id = :id")
                .param("id", accountId)
                .param("enabled", enabled)
                .update();
    }

    void unlock(long accountId) {
        jdbc.sql("update platform.account set failed_attempts = 0, locked_until = null where id = :id")
                .param("id", accountId)
                .update();
    }

    List<AccountRecord> demoAccounts() {
        List<AccountRecord> accounts = jdbc.sql("select * from platform.account where demo order by id")
                .query(this::row)
                .list();
        Map<Long, List<Membership>> memberships = membershipsOf(accounts.stream().map(AccountRecord::id).toList());
        return accounts.stream().map(a -> copyWith(a, memberships.getOrDefault(a.id(), List.of()))).toList();
    }

    private AccountRecord withMemberships(AccountRecord account) {
        return copyWith(account, membershipsOf(List.of(account.id())).getOrDefault(account.id(), List.of()));
    }

    private Map<Long, List<Membership>> membershipsOf(List<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        record Row(long accountId, Membership membership) {
        }
        return jdbc.sql("""
                select account_id, organisation_id, role from platform.account_membership
                where account_id in (:ids) order by account_id, organisation_id, role""")
                .param("ids", accountIds)
                .query((rs, n) -> new Row(rs.getLong(1), new Membership(rs.getLong(2), Role.valueOf(rs.getString(3)))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(Row::accountId,
                        Collectors.mapping(Row::membership, Collectors.toCollection(ArrayList::new))));
    }

    private static AccountRecord copyWith(AccountRecord a, List<Membership> memberships) {
        return new AccountRecord(a.id(), a.username(), a.displayName(), a.passwordHash(), a.kind(), a.practitionerId(),
                a.residentId(), a.enabled(), a.demo(), a.mustChangePassword(), a.failedAttempts(), a.lockedUntil(),
                a.lastLoginAt(), List.copyOf(memberships));
    }

    private AccountRecord row(ResultSet rs, int rowNum) throws SQLException {
        return new AccountRecord(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getString("kind"),
                (Long) rs.getObject("practitioner_id"),
                (Long) rs.getObject("resident_id"),
                rs.getBoolean("enabled"),
                rs.getBoolean("demo"),
                rs.getBoolean("must_change_password"),
                rs.getInt("failed_attempts"),
                instant(rs.getTimestamp("locked_until")),
                instant(rs.getTimestamp("last_login_at")),
                List.of());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
