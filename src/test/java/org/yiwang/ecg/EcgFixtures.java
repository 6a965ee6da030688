package org.yiwang.ecg;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.NewStaffAccount;
import org.yiwang.platform.security.Role;

/**
 * What ECG integration tests share: organisations of the demo county, staff accounts, acting as them, synthetic
 * recordings, and waiting for the asynchronous pre-analysis.
 */
public final class EcgFixtures {

    public static final List<String> TWELVE_LEADS = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3",
            "V4", "V5", "V6");

    private final JdbcClient jdbc;
    private final AccountAdministration accounts;
    private final UserDetailsService users;

    public EcgFixtures(JdbcClient jdbc, AccountAdministration accounts, UserDetailsService users) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.users = users;
    }

    /** The county hospital (清水县人民医院), the county's ECG reading centre. */
    public long countyHospital() {
        return organisation("519921-RMYY");
    }

    /** The first township health centre (城关镇卫生院), which reads no ECGs itself. */
    public long townshipCentre() {
        return organisation("519921001-WSY");
    }

    /** Another township health centre (青石镇卫生院). */
    public long otherTownshipCentre() {
        return organisation("519921002-WSY");
    }

    public long organisation(String code) {
        return jdbc.sql("select id from registry.organisation where code = :c").param("c", code).query(Long.class).single();
    }

    /** A resident with no record entries, care relationships, portal account, merges or ECGs: a clean slate. */
    public long freshResident() {
        return jdbc.sql("""
                select id from mpi.resident r where voided_at is null and merged_into_id is null and birth_date < date '1990-01-01'
                and not exists (select 1 from records.entry e where e.resident_id = r.id)
                and not exists (select 1 from records.care_relationship c where c.resident_id = r.id)
                and not exists (select 1 from platform.account a where a.resident_id = r.id)
                and not exists (select 1 from mpi.resident m where m.merged_into_id = r.id)
                and not exists (select 1 from ecg.recording g where g.resident_id = r.id)
                order by id desc limit 1""").query(Long.class).single();
    }

    /** Creates (once) a staff account with one role at one organisation; the password is the demo password. */
    public String staff(String username, long organisation, Role role) {
        if (!accounts.exists(username)) {
            accounts.createStaffAccount(new NewStaffAccount(username, username, DemoMode.DEMO_PASSWORD, null,
                    List.of(new NewStaffAccount.Membership(organisation, role)), true));
        }
        return username;
    }

    public void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public static void actAsSystem() {
        SecurityContextHolder.clearContext();
    }

    /** A 10 s resting 12-lead ECG at 500 Hz with sinus rhythm at {@code heartRateBpm}. */
    public static SyntheticEcg twelveLead(double heartRateBpm, long seed) {
        return SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, heartRateBpm).withLeads(TWELVE_LEADS)
                .withGaussianNoise(10), seed);
    }

    /** A new recording of {@code samples} for the resident, uploaded by {@code organisation}, acquired a minute ago. */
    public static NewEcgRecording upload(long residentId, long organisation, EcgKind kind, EcgRecording samples,
                                         String idempotencyKey) {
        return new NewEcgRecording(residentId, organisation, kind, "SYNTHETIC", Instant.now().minusSeconds(60),
                "胸痛 chest pain", idempotencyKey, samples, List.of());
    }

    /** Waits until the recording's pre-analysis is stored. */
    public void awaitAnalysed(long recordingId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.sql("select status = 'ANALYSED' from ecg.recording where id = :id").param("id", recordingId)
                        .query(Boolean.class).single());
    }
}
