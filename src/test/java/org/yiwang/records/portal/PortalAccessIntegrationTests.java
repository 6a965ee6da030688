package org.yiwang.records.portal;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.testing.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.records.portal.PortalFixtures.location;

/** The resident portal: guardians and wards, family authorisations, and "who viewed my record". */
@IntegrationTest
class PortalAccessIntegrationTests {

    private static final Pattern REVOKE = Pattern.compile("/me/family/([0-9]+)/revoke");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    PortalFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new PortalFixtures(jdbc, encryption);
    }

    private String recordNumber(long residentId) {
        return jdbc.sql("select health_record_number from mpi.resident where id = :id").param("id", residentId)
                .query(String.class).single();
    }

    private long countyHospital() {
        return jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1")
                .query(Long.class).single();
    }

    private WebSession signedIn(String phone) {
        WebSession web = new WebSession(port);
        PortalFixtures.signIn(web, phone);
        return web;
    }

    @Test
    void residentLandsOnTheirPortalWithMaskedNameAndRecordNumber() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("黄志强", LocalDate.of(1958, 9, 9), phone, null);
        WebSession web = signedIn(phone);
        assertThat(location(web.get("/"))).endsWith("/me");
        HttpResponse<String> home = web.get("/me");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("我的健康档案", "data-testid=\"portal-name\">黄**</dd>", recordNumber(resident),
                "谁看过我的档案").doesNotContain("data-testid=\"portal-switcher\"");
        assertThat(web.get("/me?lang=en").body()).contains("My health record", "Who viewed my record");
    }

    @Test
    void staffCannotOpenThePortal() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/me").statusCode()).isEqualTo(403);
        assertThat(doctor.get("/me/access-log").statusCode()).isEqualTo(403);
    }

    @Test
    void guardianSeesTheirChildAndTheChildSeesNobodyElse() {
        String phone = fixtures.newMobileNumber();
        long mother = fixtures.resident("吴芳", LocalDate.of(1988, 2, 14), phone, null);
        long child = fixtures.resident("吴小雨", LocalDate.now().minusYears(6), null, mother);
        long stranger = fixtures.resident("郑大山", LocalDate.of(1960, 1, 1), fixtures.newMobileNumber(), null);
        WebSession web = signedIn(phone);

        assertThat(web.get("/me").body()).contains("data-testid=\"portal-switcher\"", "吴**", "我是监护人");
        assertThat(location(web.post("/me/subject", Map.of("residentId", Long.toString(child))))).endsWith("/me");
        HttpResponse<String> childHome = web.get("/me");
        assertThat(childHome.body()).contains("您正在以监护人身份查看", recordNumber(child))
                .doesNotContain(recordNumber(mother) + "</dd>");

        // the guardian's look at the child's record is in the child's log, as a family member's
        HttpResponse<String> childLog = web.get("/me/access-log");
        assertThat(childLog.body()).contains("在居民端查看档案", "（家人或监护人）", "居民端：监护人");

        assertThat(web.post("/me/subject", Map.of("residentId", Long.toString(stranger))).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where resident_id = :child
                        and action = 'PORTAL_VIEW_RECORD' and purpose = 'resident portal: guardian'""")
                .param("child", child).query(Long.class).single()).isPositive();
    }

    @Test
    void elderAuthorisesADaughterWhoThenSeesTheRecordUntilItIsRevoked() {
        String elderPhone = fixtures.newMobileNumber();
        String daughterPhone = fixtures.newMobileNumber();
        long elder = fixtures.resident("林阿婆", LocalDate.of(1940, 10, 1), elderPhone, null);
        fixtures.resident("林美玲", LocalDate.of(1972, 5, 20), daughterPhone, null);
        WebSession daughter = signedIn(daughterPhone);
        WebSession grandma = signedIn(elderPhone);

        // the name must match the number's holder, and the answer does not say which part failed
        HttpResponse<String> wrongName = grandma.post("/me/family", Map.of("phone", daughterPhone, "name", "林美"));
        assertThat(wrongName.statusCode()).isEqualTo(422);
        assertThat(wrongName.body()).contains("没有找到这个手机号和姓名都对得上");
        HttpResponse<String> badPhone = grandma.post("/me/family", Map.of("phone", "123", "name", "林美玲"));
        assertThat(badPhone.statusCode()).isEqualTo(422);
        assertThat(badPhone.body()).contains("data-testid=\"error-phone\"", "value=\"林美玲\"");
        // someone who never signed in has no account to authorise
        String otherPhone = fixtures.newMobileNumber();
        fixtures.resident("林小二", LocalDate.of(1975, 1, 1), otherPhone, null);
        assertThat(grandma.post("/me/family", Map.of("phone", otherPhone, "name", "林小二")).statusCode())
                .isEqualTo(422);

        assertThat(daughter.post("/me/subject", Map.of("residentId", Long.toString(elder))).statusCode())
                .as("before the authorisation").isEqualTo(403);

        HttpResponse<String> granted = grandma.post("/me/family", Map.of("phone", daughterPhone, "name", "林美玲"));
        assertThat(location(granted)).endsWith("/me/family?granted");
        assertThat(grandma.post("/me/family", Map.of("phone", daughterPhone, "name", "林美玲")).body())
                .contains("您已经授权过这位家人");
        HttpResponse<String> grants = grandma.get("/me/family");
        assertThat(grants.body()).contains("林**", daughterPhone.substring(0, 3) + "****");

        assertThat(daughter.get("/me/family").body()).contains("林**", "已授权我查看");
        assertThat(location(daughter.post("/me/subject", Map.of("residentId", Long.toString(elder))))).endsWith("/me");
        assertThat(daughter.get("/me").body()).contains(recordNumber(elder), "对方已授权您查看");
        // the daughter's look is in the grandmother's log
        assertThat(grandma.get("/me/access-log").body()).contains("居民端：家人授权");

        Matcher revoke = REVOKE.matcher(grants.body());
        assertThat(revoke.find()).isTrue();
        assertThat(location(grandma.post("/me/family/" + revoke.group(1) + "/revoke", Map.of())))
                .endsWith("/me/family?revoked");
        assertThat(grandma.post("/me/family/" + revoke.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(404);

        assertThat(daughter.get("/me").body()).doesNotContain(recordNumber(elder));
        assertThat(daughter.post("/me/subject", Map.of("residentId", Long.toString(elder))).statusCode())
                .as("after the revocation").isEqualTo(403);
        assertThat(jdbc.sql("""
                        select string_agg(action, ',' order by id) from platform.audit_event
                        where resident_id = :elder and action like '%FAMILY_ACCESS'""")
                .param("elder", elder).query(String.class).single())
                .isEqualTo("GRANT_FAMILY_ACCESS,REVOKE_FAMILY_ACCESS");
    }

    @Test
    void whoViewedListsAccessesToTheResidentAndTheirMergedRecordsOnlyWithBreakGlassHighlighted() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("何平", LocalDate.of(1955, 3, 3), phone, null);
        long merged = fixtures.resident("何平", LocalDate.of(1955, 3, 3), null, null);
        jdbc.sql("update mpi.resident set merged_into_id = :survivor where id = :merged")
                .param("survivor", resident).param("merged", merged).update();
        long other = fixtures.resident("别人", LocalDate.of(1966, 6, 6), fixtures.newMobileNumber(), null);
        long hospital = countyHospital();
        fixtures.access(resident, "2026-03-01T01:30:00Z", "VIEW_RECORD", "DOCTOR", hospital, "treatment");
        fixtures.access(merged, "2026-02-01T02:00:00Z", "VIEW_RESIDENT", "REGISTRAR", hospital, "resident registration");
        fixtures.access(resident, "2026-03-02T15:45:00Z", "BREAK_GLASS", "DOCTOR", hospital, "emergency");
        fixtures.access(other, "2026-03-01T03:00:00Z", "VIEW_RECORD", "DOCTOR", hospital, "someone else's visit");

        WebSession web = signedIn(phone);
        web.get("/me");
        HttpResponse<String> log = web.get("/me/access-log");
        assertThat(log.statusCode()).isEqualTo(200);
        String body = log.body();
        String hospitalName = jdbc.sql("select name_zh from registry.organisation where id = :id").param("id", hospital)
                .query(String.class).single();
        assertThat(body).contains(hospitalName, "医生", "查看健康档案", "诊疗", "挂号/建档员", "居民建档")
                // Asia/Shanghai: 01:30 UTC is 09:30, 15:45 UTC is 23:45
                .contains("2026-03-01 09:30", "2026-03-02 23:45", "2026-02-01 10:00")
                .doesNotContain("someone else", "portal-test-doctor")
                // the resident's own portal reads are not listed
                .doesNotContain("在居民端查看访问记录");
        assertThat(body.split("data-testid=\"portal-access-entry\"", -1)).hasSize(4);
        assertThat(body.split("data-break-glass=\"true\"", -1)).hasSize(2);
        assertThat(body).contains("data-testid=\"portal-break-glass\"", "紧急调阅");
        // newest first: the break-glass entry leads
        assertThat(body.indexOf("2026-03-02 23:45")).isLessThan(body.indexOf("2026-03-01 09:30"));
        assertThat(body.indexOf("2026-03-01 09:30")).isLessThan(body.indexOf("2026-02-01 10:00"));
    }

    @Test
    void whoViewedIsKeysetPagedAndRefusesABadPagePosition() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("高远", LocalDate.of(1968, 8, 8), phone, null);
        long hospital = countyHospital();
        for (int day = 1; day <= 25; day++) {
            fixtures.access(resident, "2026-01-%02dT00:00:00Z".formatted(day), "VIEW_RECORD", "NURSE", hospital,
                    "treatment");
        }
        WebSession web = signedIn(phone);
        HttpResponse<String> first = web.get("/me/access-log");
        assertThat(first.body().split("data-testid=\"portal-access-entry\"", -1)).hasSize(21);
        assertThat(first.body()).contains("2026-01-25 08:00").doesNotContain("2026-01-05 08:00");
        Matcher older = Pattern.compile("/me/access-log\\?before=([0-9_]+)").matcher(first.body());
        assertThat(older.find()).isTrue();
        HttpResponse<String> second = web.get("/me/access-log?before=" + older.group(1));
        assertThat(second.body().split("data-testid=\"portal-access-entry\"", -1)).hasSize(6);
        assertThat(second.body()).contains("2026-01-01 08:00", "2026-01-05 08:00").doesNotContain("2026-01-06 08:00")
                .doesNotContain("data-testid=\"portal-access-older\"");
        assertThat(web.get("/me/access-log?before=yesterday").statusCode()).isEqualTo(400);
    }
}
