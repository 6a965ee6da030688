package org.yiwang.platform.security.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.ResidentPhoneDirectory;
import org.yiwang.platform.security.ResidentPhoneDirectory.PhoneHolder;
import org.yiwang.platform.security.SmsSender;

/**
 * Residents' sign-in by mobile number: a one-time code by SMS, or a password they set themselves. The number is
 * looked up in the master index ({@link ResidentPhoneDirectory}); a number shared by a household lets the person
 * choose which of its holders they are. Residents younger than {@code yiwang.security.otp.min-sign-in-age}
 * (PIPL-03) cannot sign in: their guardian sees them from the guardian's own account. Every step is audited.
 */
@Service
class ResidentSignIn {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** More holders of one number than this is a data-quality problem, not a household. */
    static final int MAX_HOLDERS = 20;

    private final SignInCodes codes;
    private final ObjectProvider<ResidentPhoneDirectory> directory;
    private final ObjectProvider<SmsSender> smsSenders;
    private final SmsSender logSender = new LogSmsSender();
    private final AccountService accounts;
    private final AccountStore accountStore;
    private final PasswordEncoder passwordEncoder;
    private final SecuritySettings securitySettings;
    private final ResidentSignInSettings settings;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;

    ResidentSignIn(SignInCodes codes, ObjectProvider<ResidentPhoneDirectory> directory,
            ObjectProvider<SmsSender> smsSenders, AccountService accounts, AccountStore accountStore,
            PasswordEncoder passwordEncoder, SecuritySettings securitySettings, ResidentSignInSettings settings,
            MessageSource messages, AuditTrail audit, Clock clock) {
        this.codes = codes;
        this.directory = directory;
        this.smsSenders = smsSenders;
        this.accounts = accounts;
        this.accountStore = accountStore;
        this.passwordEncoder = passwordEncoder;
        this.securitySettings = securitySettings;
        this.settings = settings;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** A code request's outcome. {@code code} is for the demo screen only and never leaves the server otherwise. */
    record CodeRequest(SignInCodes.Issue issue, boolean onFile) {
    }

    /**
     * Issues and sends a code to {@code mobileNumber} (normalised). A number that is not on file gets the same
     * answer and the same limits, but no message, so the form cannot be used to find out who is registered.
     */
    @Transactional
    CodeRequest requestCode(String mobileNumber, Locale locale) {
        boolean onFile = !holders(mobileNumber).isEmpty();
        SignInCodes.Issue issue = codes.issue(mobileNumber);
        String reference = "ref " + codes.reference(mobileNumber);
        switch (issue) {
            case SignInCodes.Issued issued -> {
                if (onFile) {
                    // inside the transaction: a gateway failure rolls the code back, so the resend limit is not spent
                    smsSenders.getIfAvailable(() -> logSender).sendSignInCode(mobileNumber, issued.code(),
                            settings.codeValidity().toMinutes(), messages.getMessage("sms.signInCode",
                                    new Object[] {issued.code(), settings.codeValidity().toMinutes()}, locale));
                }
                audit.record(AuditEvent.security("SIGN_IN_CODE_SENT",
                        onFile ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                        MobileNumbers.masked(mobileNumber), onFile ? reference : reference + ", number not on file"));
            }
            case SignInCodes.TooSoon tooSoon -> audit.record(AuditEvent.security("SIGN_IN_CODE_SENT",
                    AuditEvent.Outcome.FAILURE, MobileNumbers.masked(mobileNumber), reference + ", resend too soon"));
            case SignInCodes.DailyLimitReached limit -> audit.record(AuditEvent.security("SIGN_IN_CODE_SENT",
                    AuditEvent.Outcome.FAILURE, MobileNumbers.masked(mobileNumber), reference + ", daily limit"));
        }
        return new CodeRequest(issue, onFile);
    }

    /** A checked code and, when accepted, who may sign in with the number. */
    record Verification(SignInCodes.Check check, List<PhoneHolder> eligible, int tooYoung) {
    }

    @Transactional
    Verification verifyCode(String mobileNumber, String code) {
        SignInCodes.Check check = codes.check(mobileNumber, code);
        String reference = "ref " + codes.reference(mobileNumber);
        if (!(check instanceof SignInCodes.Accepted)) {
            audit.record(AuditEvent.security("SIGN_IN_CODE_VERIFIED", AuditEvent.Outcome.FAILURE,
                    MobileNumbers.masked(mobileNumber), reference + ", " + check));
            return new Verification(check, List.of(), 0);
        }
        List<PhoneHolder> holders = holders(mobileNumber);
        List<PhoneHolder> eligible = holders.stream().filter(this::oldEnough).toList();
        audit.record(AuditEvent.security("SIGN_IN_CODE_VERIFIED", AuditEvent.Outcome.SUCCESS,
                MobileNumbers.masked(mobileNumber), reference + ", " + eligible.size() + " may sign in, "
                        + (holders.size() - eligible.size()) + " under " + settings.minSignInAge()));
        return new Verification(check, eligible, holders.size() - eligible.size());
    }

    /**
     * Signs in as {@code residentId}, who must be an eligible holder of the verified number (checked again here:
     * the list in the session may be minutes old). Creates the portal account at the first sign-in.
     */
    @Transactional
    Optional<AccountRecord> signInAs(String verifiedMobileNumber, long residentId) {
        Optional<PhoneHolder> holder = holders(verifiedMobileNumber).stream()
                .filter(h -> h.residentId() == residentId && oldEnough(h))
                .findFirst();
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        AccountRecord account = accounts.provisionResidentAccount(residentId, holder.get().name());
        if (account.enabled()) {
            accountStore.recordSuccessfulLogin(account.id());
            audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.SUCCESS, account.username(),
                    "one-time code"));
        } else {
            audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, account.username(),
                    "disabled, one-time code"));
        }
        return Optional.of(account);
    }

    /** What signing in with number and password gave. */
    sealed interface PasswordSignIn {
    }

    record SignedIn(AccountRecord account) implements PasswordSignIn {
    }

    /** Wrong number or password (the two are not told apart). */
    record BadCredentials() implements PasswordSignIn {
    }

    /** The password was right but the account is locked or disabled. */
    record Refused(boolean locked) implements PasswordSignIn {
    }

    /**
     * Signs in with number and password: among the eligible holders of the number whose accounts have a password
     * of their own, the one whose password matches. A wrong password counts against each of those accounts, with
     * the same lockout rules as staff logins (SEC-04 b).
     */
    @Transactional
    PasswordSignIn signInWithPassword(String mobileNumber, String password) {
        List<Long> residentIds = holders(mobileNumber).stream().filter(this::oldEnough)
                .map(PhoneHolder::residentId).toList();
        List<AccountRecord> candidates = accounts.residentAccountsWithPassword(residentIds);
        for (AccountRecord account : candidates) {
            if (passwordEncoder.matches(password, account.passwordHash())) {
                boolean locked = account.lockedAt(clock.instant());
                if (locked || !account.enabled()) {
                    audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, account.username(),
                            locked ? "locked, phone and password" : "disabled, phone and password"));
                    return new Refused(locked);
                }
                accountStore.recordSuccessfulLogin(account.id());
                audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.SUCCESS, account.username(),
                        "phone and password"));
                return new SignedIn(account);
            }
        }
        for (AccountRecord account : candidates) {
            var failed = accountStore.recordFailedLogin(account.username(), securitySettings.maxFailedLogins(),
                    securitySettings.lockoutDuration());
            audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, account.username(),
                    failed.map(f -> f.lockedUntil() == null ? "bad, phone and password"
                            : "bad, phone and password, locked until " + f.lockedUntil()).orElse("bad")));
        }
        if (candidates.isEmpty()) {
            audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, MobileNumbers.masked(mobileNumber),
                    "bad, phone and password, ref " + codes.reference(mobileNumber)));
        }
        return new BadCredentials();
    }

    /** The eligible holders of a verified number, for the "who are you" choice. */
    List<PhoneHolder> eligibleHolders(String mobileNumber) {
        return holders(mobileNumber).stream().filter(this::oldEnough).toList();
    }

    /** A demo resident login's name and number (demo runs only: the caller checks). */
    record DemoResident(String name, String mobileNumber) {
    }

    Optional<DemoResident> demoHint() {
        ResidentPhoneDirectory phones = directory.getIfAvailable();
        if (phones == null) {
            return Optional.empty();
        }
        return accounts.demoAccounts().stream()
                .filter(a -> "RESIDENT".equals(a.kind()) && a.residentId() != null)
                .findFirst()
                .flatMap(a -> phones.demoMobileNumber(a.residentId())
                        .map(number -> new DemoResident(a.displayName(), number)));
    }

    ResidentSignInSettings settings() {
        return settings;
    }

    private List<PhoneHolder> holders(String mobileNumber) {
        ResidentPhoneDirectory phones = directory.getIfAvailable();
        if (phones == null) {
            return List.of();
        }
        return phones.holders(mobileNumber, MAX_HOLDERS).stream()
                .sorted(Comparator.comparing(PhoneHolder::birthDate).thenComparingLong(PhoneHolder::residentId))
                .toList();
    }

    /** PIPL-03: under the configured age (14) a child's data is reached through the guardian, not by signing in. */
    boolean oldEnough(PhoneHolder holder) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        return Period.between(holder.birthDate(), today).getYears() >= settings.minSignInAge();
    }
}
