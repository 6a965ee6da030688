package org.yiwang.records.portal;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.testing.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents with known mobile numbers, written straight into the master index the way a registration stores them
 * (encrypted number, blind index under the mpi phone context), and the resident sign-in through the web pages.
 */
final class PortalFixtures {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final Pattern DEMO_CODE = Pattern.compile("data-testid=\"demo-code-value\">([0-9]{6})<");

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    PortalFixtures(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    /** A mobile number no demo resident has (the 195 range is not used by the demo plan's generator, and unique). */
    String newMobileNumber() {
        return "195" + String.format("%08d", SERIAL.incrementAndGet() % 100_000_000L);
    }

    long resident(String name, LocalDate birthDate, String mobileNumber, Long guardianId) {
        long serial = SERIAL.incrementAndGet();
        long id = jdbc.sql("""
                        insert into mpi.resident (health_record_number, name, sex, birth_date, division_code,
                                                  guardian_resident_id, registered_organisation_id, created_by)
                        values (:hrn, :name, 9, :birthDate, '519921001001', :guardian, 1, 'portal-test')
                        returning id""")
                .param("hrn", "9" + String.format("%016d", serial))
                .param("name", name)
                .param("birthDate", birthDate)
                .param("guardian", guardianId)
                .query(Long.class)
                .single();
        if (mobileNumber != null) {
            jdbc.sql("""
                            insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked,
                                                            kind, is_primary, created_by)
                            values (:id, :ciphertext, :index, :masked, 'MOBILE', true, 'portal-test')""")
                    .param("id", id)
                    .param("ciphertext", encryption.encrypt(mobileNumber, "mpi.resident.phone"))
                    .param("index", encryption.blindIndex(mobileNumber, "mpi.resident.phone"))
                    .param("masked", mobileNumber.substring(0, 3) + "****" + mobileNumber.substring(7))
                    .update();
        }
        return id;
    }

    /** An audit entry as a clinic's access writes it (the trail is append-only; inserting is what it allows). */
    void access(long residentId, String occurredAtUtc, String action, String role, Long organisationId,
            String purpose) {
        jdbc.sql("""
                        with e as (
                        insert into platform.audit_event (occurred_at, category, action, outcome, actor_username,
                                                          actor_role, actor_kind, organisation_id, resident_id,
                                                          object_type, object_id, purpose)
                        values (cast(:at as timestamptz), 'HEALTH_DATA_READ', :action, 'SUCCESS', 'portal-test-doctor',
                                :role, 'STAFF', :organisation, :resident, 'Resident', :resident, :purpose)
                            returning id)
                        insert into platform.audit_unsealed (event_id) select id from e""")
                .param("at", occurredAtUtc)
                .param("action", action)
                .param("role", role)
                .param("organisation", organisationId)
                .param("resident", residentId)
                .param("purpose", purpose)
                .update();
    }

    /** Asks for a code and returns the page that follows (the code step, with the code on screen in a demo run). */
    static HttpResponse<String> requestCode(WebSession web, String mobileNumber) {
        web.get("/login/resident");
        HttpResponse<String> response = web.post("/login/resident/code", Map.of("phone", mobileNumber));
        if (response.statusCode() == 302) {
            assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login/resident/code");
            return web.get("/login/resident/code");
        }
        return response;
    }

    static String demoCode(HttpResponse<String> codePage) {
        Matcher matcher = DEMO_CODE.matcher(codePage.body());
        assertThat(matcher.find()).as("demo code on the page").isTrue();
        return matcher.group(1);
    }

    static HttpResponse<String> enterCode(WebSession web, String code) {
        return web.post("/login/resident/verify", Map.of("code", code));
    }

    /** Signs in with a one-time code read off the demo page; the number must have exactly one eligible holder. */
    static void signIn(WebSession web, String mobileNumber) {
        HttpResponse<String> verified = enterCode(web, demoCode(requestCode(web, mobileNumber)));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(302);
        assertThat(verified.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }
}
