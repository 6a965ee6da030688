package org.yiwang.platform.security.internal;

import java.util.List;
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

    private final AccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final CurrentActor currentActor;
    private final AuditTrail audit;

    AccountService(AccountStore accounts, PasswordEncoder passwordEncoder, CurrentActor currentActor, AuditTrail audit) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    @Override
    @Transactional
    public long createStaffAccount(NewStaffAccount account) {
        if (account.memberships().stream().anyMatch(m -> m.role() == Role.RESIDENT)) {
            throw new IllegalArgumentException("Staff accounts cannot hold the resident role");
        }
        long id = accounts.insert(account.username().trim(), account.displayName().trim(),
                passwordEncoder.encode(account.initialPassword()), "STAFF", account.practitionerId(), null,
                account.demo(), !account.demo(), creator());
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

    @Override
    public boolean exists(String username) {
        return accounts.exists(username.trim());
    }

    List<AccountRecord> demoAccounts() {
        return accounts.demoAccounts();
    }

    private String creator() {
        return currentActor.current().map(a -> a.username()).orElse("system");
    }
}
