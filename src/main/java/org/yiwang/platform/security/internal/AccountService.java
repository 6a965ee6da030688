package org.yiwang.platform.security.internal;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.NewStaffAccount;
import org.yiwang.platform.security.Role;

@Service
class AccountService implements AccountAdministration {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final SessionTerminator sessions;

    AccountService(AccountStore accounts, PasswordEncoder passwordEncoder, CurrentActor currentActor, AuditTrail audit,
            SessionTerminator sessions) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.currentActor = currentActor;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** The login name is taken, also when a concurrent request took it between check and insert. */
    static final class UsernameTakenException extends RuntimeException {

        UsernameTakenException(String username) {
            super("User name taken: " + username);
        }
    }

    @Override
    @Transactional
    public long createStaffAccount(NewStaffAccount account) {
        if (account.memberships().stream().anyMatch(m -> m.role() == Role.RESIDENT)) {
            throw new IllegalArgumentException("Staff accounts cannot hold the resident role");
        }
        long id;
        try {
            id = accounts.insert(account.username().trim(), account.displayName().trim(),
                    passwordEncoder.encode(account.initialPassword()), "STAFF", account.practitionerId(), null,
                    account.demo(), !account.demo(), creator());
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException(account.username().trim());
        }
        account.memberships().forEach(m -> accounts.addMembership(id, m.organisationId(), m.role()));
        audit.record(AuditEvent.administration("ACCOUNT_CREATED", "Account", String.valueOf(id),
                account.username() + " " + account.memberships().stream()
                        .map(m -> m.role() + "@" + m.organisationId()).toList()));
        return id;
    }

    @Override
    @Transactional
    public long createResidentAccount(String username, String displayName, String initialPassword, long residentId,
            boolean demo) {
        long id = accounts.insert(username.trim(), displayName.trim(), passwordEncoder.encode(initialPassword),
                "RESIDENT", null, residentId, demo, !demo, creator());
        audit.record(AuditEvent.administration("ACCOUNT_CREATED", "Account", String.valueOf(id), username + " resident"));
        return id;
    }

    /**
     * The resident's portal account, created at their first sign-in with a one-time code: login name
     * {@code resident-<id>}, no password of their own until they set one. Safe when two first sign-ins race (one
     * unique account per resident).
     */
    @Transactional
    AccountRecord provisionResidentAccount(long residentId, String displayName) {
        Optional<AccountRecord> existing = accounts.findByResidentId(residentId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String unusable = passwordEncoder.encode(HexFormat.of().formatHex(randomSecret()));
        String name = displayName.strip();
        String shown = name.length() > 100 ? name.substring(0, 100) : name;
        Optional<Long> id = accounts.insertResidentWithoutPassword("resident-" + residentId, shown, unusable, residentId);
        if (id.isEmpty() && accounts.findByResidentId(residentId).isEmpty()) {
            // the login name was taken by someone else's account: add a random suffix
            id = accounts.insertResidentWithoutPassword("resident-" + residentId + "-"
                    + HexFormat.of().formatHex(randomSecret(), 0, 3), shown, unusable, residentId);
        }
        id.ifPresent(accountId -> audit.record(new AuditEvent(AuditEvent.Category.ADMINISTRATION, "ACCOUNT_CREATED",
                null, "Account", String.valueOf(accountId), null, AuditEvent.Outcome.SUCCESS, null,
                "resident portal account at first sign-in with a one-time code")));
        return accounts.findByResidentId(residentId).orElseThrow();
    }

    /** Portal accounts with a password of their own among these residents'. */
    List<AccountRecord> residentAccountsWithPassword(Collection<Long> residentIds) {
        return accounts.residentAccountsWithPassword(residentIds);
    }

    boolean passwordSet(long accountId) {
        return accounts.passwordSet(accountId);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    @Override
    public boolean hasResidentAccount(long residentId) {
        return accounts.findByResidentId(residentId).isPresent();
    }

    @Override
    public boolean exists(String username) {
        return accounts.exists(username.trim());
    }

    /** Grants a role at an organisation; the person's sessions end so the new role applies at their next login. */
    @Transactional
    void addMembership(AccountRecord account, long organisationId, Role role) {
        accounts.addMembership(account.id(), organisationId, role);
        audit.record(AuditEvent.administration("MEMBERSHIP_ADDED", "Account", String.valueOf(account.id()),
                role + "@" + organisationId));
        sessions.endSessions(account.username(), null);
    }

    @Transactional
    void unlock(AccountRecord account) {
        accounts.unlock(account.id());
        audit.record(AuditEvent.administration("ACCOUNT_UNLOCKED", "Account", String.valueOf(account.id()), null));
    }

    /** Disabling also ends the person's open sessions at once. */
    @Transactional
    void setEnabled(AccountRecord account, boolean enabled) {
        accounts.setEnabled(account.id(), enabled);
        audit.record(AuditEvent.administration(enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", "Account",
                String.valueOf(account.id()), null));
        if (!enabled) {
            sessions.endSessions(account.username(), null);
        }
    }

    /** Sets a one-time password the person must change, and ends their open sessions. */
    @Transactional
    void resetPassword(AccountRecord account, String temporaryPassword) {
        accounts.resetPassword(account.id(), passwordEncoder.encode(temporaryPassword));
        audit.record(AuditEvent.administration("PASSWORD_RESET", "Account", String.valueOf(account.id()), null));
        sessions.endSessions(account.username(), null);
    }

    /** The person's own change: every other session of theirs ends; the current one stays. */
    @Transactional
    void changeOwnPassword(AccountRecord account, String newPassword, String currentSessionId) {
        accounts.changePassword(account.id(), passwordEncoder.encode(newPassword));
        audit.record(AuditEvent.security("PASSWORD_CHANGED", AuditEvent.Outcome.SUCCESS, account.username(), null));
        sessions.endSessions(account.username(), currentSessionId);
    }

    List<AccountRecord> demoAccounts() {
        return accounts.demoAccounts();
    }

    private String creator() {
        return currentActor.current().map(a -> a.username()).orElse("system");
    }
}
