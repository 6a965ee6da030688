package org.yiwang.platform.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.internal.ApiClients;
import org.yiwang.testing.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    private long anyOrganisation() {
        return jdbc.sql("select organisation_id from platform.account_membership limit 1").query(Long.class).single();
    }

    private String newRealAccount(String password) {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createStaffAccount(new NewStaffAccount(username, "测试用户", password, null,
                List.of(new NewStaffAccount.Membership(anyOrganisation(), Role.NURSE)), false));
        return username;
    }

    @Test
    void pagesRedirectAnonymousVisitorsToLogin() {
        WebSession web = new WebSession(port);
        for (String path : List.of("/", "/workbench", "/admin", "/admin/accounts", "/swagger-ui.html")) {
            HttpResponse<String> response = web.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
    }

    @Test
    void loginPageStaticFilesAndHealthProbesAreOpen() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/login").statusCode()).isEqualTo(200);
        assertThat(web.get("/css/yiwang.css").statusCode()).isEqualTo(200);
        assertThat(web.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(web.get("/actuator/health/readiness").body()).contains("UP");
        assertThat(web.get("/actuator/health/liveness").body()).contains("UP");
    }

    @Test
    void demoAdminLandsOnAdministrationAndDoctorOnWorkbench() {
        WebSession admin = new WebSession(port);
        assertThat(admin.login("admin", DemoMode.DEMO_PASSWORD)).isEqualTo("/");
        assertThat(admin.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        assertThat(admin.get("/admin").body()).contains("data-testid=\"home-admin\"");

        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/workbench");
        assertThat(doctor.get("/workbench").body()).contains("data-testid=\"home-workbench\"", "医生工作台");
    }

    @Test
    @DisplayName("SEC-04 b: sessions live in PostgreSQL and end after 30 idle minutes")
    void sessionsAreStoredInPostgresWithAnIdleTimeout() {
        new WebSession(port).login("labtech", DemoMode.DEMO_PASSWORD);
        List<Integer> idleSeconds = jdbc.sql("""
                select max_inactive_interval from platform.spring_session where principal_name = 'labtech'""")
                .query(Integer.class).list();
        assertThat(idleSeconds).isNotEmpty().allMatch(seconds -> seconds == 30 * 60);
    }

    @Test
    void staffWithoutAdminRoleGetAFriendlyForbiddenPage() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> response = doctor.get("/admin/accounts");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("data-testid=\"error-page\"").doesNotContain("Exception", "at org.");
    }

    @Test
    void unknownPagesShowA404PageWithoutInternals() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> response = doctor.get("/no/such/page");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("找不到该页面").doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void staffSwitchesBetweenTheirOrganisationsButNotToOthers() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        List<Long> memberships = jdbc.sql("""
                select m.organisation_id from platform.account_membership m join platform.account a on a.id = m.account_id
                where a.username = 'doctor' order by m.organisation_id""").query(Long.class).list();
        assertThat(memberships).hasSizeGreaterThanOrEqualTo(2);
        String workbench = doctor.get("/workbench").body();
        assertThat(workbench).contains("data-testid=\"organisation-switcher\"");

        HttpResponse<String> switched = doctor.post("/session/organisation",
                Map.of("organisationId", String.valueOf(memberships.get(1))));
        assertThat(switched.statusCode()).isEqualTo(302);
        assertThat(doctor.get("/workbench").body())
                .containsPattern("<option value=\"" + memberships.get(1) + "\"\\s+selected");

        long foreign = jdbc.sql("select max(organisation_id) + 1000 from platform.account_membership")
                .query(Long.class).single();
        assertThat(doctor.post("/session/organisation", Map.of("organisationId", String.valueOf(foreign))).statusCode())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("SEC-04 b: five wrong passwords lock the account; even the right password is then refused")
    void fiveWrongPasswordsLockTheAccount() {
        String username = newRealAccount("Initial#Pass2026");
        WebSession web = new WebSession(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(web.login(username, "wrong-" + attempt)).isEqualTo("/login?error=bad");
        }
        assertThat(web.login(username, "Initial#Pass2026")).isEqualTo("/login?error=locked");
        assertThat(web.get("/login?error=locked").body()).contains("15 分钟");
        // further wrong passwords neither reveal nor extend the lock
        String lockedUntil = jdbc.sql("select locked_until::text from platform.account where username = :u")
                .param("u", username).query(String.class).single();
        assertThat(web.login(username, "wrong-6")).isEqualTo("/login?error=bad");
        assertThat(jdbc.sql("select locked_until::text from platform.account where username = :u")
                .param("u", username).query(String.class).single()).isEqualTo(lockedUntil);

        // the lock ends by itself after the lockout duration
        jdbc.sql("update platform.account set locked_until = now() - interval '1 second' where username = :u")
                .param("u", username).update();
        assertThat(web.login(username, "Initial#Pass2026")).isEqualTo("/account/password");
    }

    @Test
    void wrongPasswordsDoNotRevealWhetherALoginNameExists() {
        String disabled = newRealAccount("Initial#Pass2026");
        jdbc.sql("update platform.account set enabled = false where username = :u").param("u", disabled).update();
        WebSession web = new WebSession(port);
        assertThat(web.login(disabled, "wrong")).isEqualTo("/login?error=bad");
        assertThat(web.login("no-such-person", "wrong")).isEqualTo("/login?error=bad");
        assertThat(web.login(disabled, "Initial#Pass2026")).isEqualTo("/login?error=disabled");
    }

    @Test
    void failedLoginsAreAuditedUnderTheAccountsOwnSpelling() {
        new WebSession(port).login("LabTech", "wrong");
        assertThat(jdbc.sql("""
                select subject from platform.audit_event where action = 'LOGIN' and outcome = 'FAILURE'
                order by id desc limit 1""").query(String.class).single()).isEqualTo("labtech");
    }

    @Test
    void disablingAnAccountEndsItsOpenSessions() {
        String username = newRealAccount("Initial#Pass2026");
        WebSession person = new WebSession(port);
        person.login(username, "Initial#Pass2026");
        assertThat(person.get("/account/password").statusCode()).isEqualTo(200);

        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        admin.get("/admin/accounts");
        long id = jdbc.sql("select id from platform.account where username = :u").param("u", username)
                .query(Long.class).single();
        assertThat(admin.post("/admin/accounts/" + id + "/enabled", Map.of("enabled", "false")).statusCode())
                .isEqualTo(302);
        assertThat(person.get("/account/password").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void apiDocumentationIsForAdministrators() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/v3/api-docs").statusCode()).isEqualTo(403);
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        assertThat(admin.get("/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedAddressesFromUntrustedClientsAreIgnored() {
        WebSession web = new WebSession(port);
        web.get("/login");
        web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/login?lang=en"))
                .header("X-Forwarded-For", "203.0.113.66").header("X-Forwarded-Host", "evil.example").GET().build());
        HttpResponse<String> login = web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.66").header("X-Forwarded-Host", "evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=spoofer&password=x&_csrf=" + csrf(web))).build());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("evil.example");
        assertThat(jdbc.sql("""
                select client_address from platform.audit_event where subject = 'spoofer' order by id desc limit 1""")
                .query(String.class).single()).isEqualTo("127.0.0.1");
    }

    @Test
    void nulCharactersInParametersAreRejectedWithABadRequest() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        assertThat(admin.get("/admin/accounts?q=a%00b").statusCode()).isEqualTo(400);
        assertThat(admin.post("/login", Map.of("username", "adm\u0000in", "password", "x")).statusCode())
                .isEqualTo(400);
    }

    private static String csrf(WebSession web) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(web.get("/login").body());
        return m.find() ? m.group(1) : "";
    }

    @Test
    @DisplayName("SEC-04 a: a real account must replace its initial password with a strong one before anything else")
    void realAccountMustChangeItsInitialPasswordFirst() {
        String username = newRealAccount("Initial#Pass2026");
        WebSession web = new WebSession(port);
        assertThat(web.login(username, "Initial#Pass2026")).isEqualTo("/account/password");
        assertThat(web.get("/workbench").headers().firstValue("Location").orElseThrow()).endsWith("/account/password");

        web.get("/account/password");
        HttpResponse<String> weak = web.post("/account/password", Map.of("currentPassword", "Initial#Pass2026",
                "newPassword", "short", "confirmPassword", "short"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("至少需要 10 位", "至少三类");

        HttpResponse<String> strong = web.post("/account/password", Map.of("currentPassword", "Initial#Pass2026",
                "newPassword", "Better#Secret77", "confirmPassword", "Better#Secret77"));
        assertThat(strong.statusCode()).isEqualTo(302);
        assertThat(web.get("/workbench").statusCode()).isEqualTo(200);

        WebSession again = new WebSession(port);
        assertThat(again.login(username, "Better#Secret77")).isEqualTo("/");

        // changing the password again from the second session ends the first one
        again.get("/account/password");
        again.post("/account/password", Map.of("currentPassword", "Better#Secret77",
                "newPassword", "Third#Secret88", "confirmPassword", "Third#Secret88"));
        assertThat(again.get("/workbench").statusCode()).isEqualTo(200);
        assertThat(web.get("/workbench").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void apiAcceptsOnlyActiveOrganisationTokens() {
        WebSession web = new WebSession(port);
        HttpResponse<String> anonymous = web.get("/api/v1/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");

        long organisation = anyOrganisation();
        ApiClients.IssuedToken issued = apiClients.issue(organisation, "HIS of test", "test");
        HttpResponse<String> me = bearer(web, issued.token());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"organisationId\":" + organisation, "HIS of test");

        assertThat(bearer(web, issued.token() + "x").statusCode()).isEqualTo(401);
        apiClients.revoke(issued.clientId(), "test");
        assertThat(bearer(web, issued.token()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from platform.api_client where token_digest is not null and token_prefix = :p")
                .param("p", issued.token().split("_")[1]).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void prometheusMetricsNeedAnApiToken() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        ApiClients.IssuedToken monitoring = apiClients.issue(anyOrganisation(), "Prometheus", "test");
        HttpResponse<String> metrics = web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + monitoring.token()).GET().build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests");
    }

    @Test
    void administratorIssuesAndRevokesATokenThroughTheAdminPage() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        admin.get("/admin/api-clients");
        long organisation = anyOrganisation();
        HttpResponse<String> issued = admin.post("/admin/api-clients",
                Map.of("organisationId", String.valueOf(organisation), "name", "乡镇卫生院 HIS"));
        assertThat(issued.statusCode()).isEqualTo(302);
        String page = admin.get("/admin/api-clients").body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("(yw_[A-Za-z0-9]+_[A-Za-z0-9]+)").matcher(page);
        assertThat(token.find()).as("token shown once on the page").isTrue();
        assertThat(bearer(admin, token.group(1)).statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin/api-clients").body()).doesNotContain(token.group(1));

        long clientId = jdbc.sql("select max(id) from platform.api_client").query(Long.class).single();
        admin.post("/admin/api-clients/" + clientId + "/revoke", Map.of());
        assertThat(bearer(admin, token.group(1)).statusCode()).isEqualTo(401);
    }

    @Test
    void administratorCreatesAnAccountWhoseInitialPasswordMustBeChanged() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        admin.get("/admin/accounts");
        String username = "new" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = admin.post("/admin/accounts", Map.of("username", username,
                "displayName", "李新", "organisationId", String.valueOf(anyOrganisation()), "role", "REGISTRAR"));
        assertThat(created.statusCode()).isEqualTo(302);
        String page = admin.get(created.headers().firstValue("Location").orElseThrow().replace(admin.baseUrl(), "")).body();
        java.util.regex.Matcher password = java.util.regex.Pattern
                .compile("data-testid=\"issued-password\">.*?<code[^>]*>([^<]+)</code>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        assertThat(password.find()).isTrue();

        WebSession newcomer = new WebSession(port);
        assertThat(newcomer.login(username, password.group(1))).isEqualTo("/account/password");

        HttpResponse<String> duplicate = admin.post("/admin/accounts", Map.of("username", username,
                "displayName", "李新", "organisationId", String.valueOf(anyOrganisation()), "role", "REGISTRAR"));
        assertThat(duplicate.body()).contains("该用户名已被使用");
    }

    @Test
    void unknownApiPathsAnswerAProblemDocument() {
        WebSession web = new WebSession(port);
        ApiClients.IssuedToken issued = apiClients.issue(anyOrganisation(), "HIS", "test");
        HttpResponse<String> response = web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/v1/nothing"))
                .header("Authorization", "Bearer " + issued.token()).GET().build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(response.body()).contains("GET /api/v1/nothing");
    }

    @Test
    void browserSessionsCannotCallTheApi() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        assertThat(admin.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void formPostsWithoutCsrfTokenAreRejected() {
        WebSession web = new WebSession(port);
        HttpResponse<String> response = web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + DemoMode.DEMO_PASSWORD)).build());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void everyResponseCarriesACorrelationId() {
        WebSession web = new WebSession(port);
        HttpResponse<String> given = web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/login"))
                .header("X-Request-Id", "clinic-retry-0001").GET().build());
        assertThat(given.headers().firstValue("X-Request-Id")).contains("clinic-retry-0001");
        assertThat(web.get("/login").headers().firstValue("X-Request-Id").orElseThrow()).hasSizeGreaterThan(8);
    }

    @Test
    void loginsAndFailuresGoToTheAuditTrail() {
        new WebSession(port).login("pharmacist", "not-the-password");
        new WebSession(port).login("pharmacist", DemoMode.DEMO_PASSWORD);
        List<String> outcomes = jdbc.sql("""
                select outcome from platform.audit_event where action = 'LOGIN' and
                  (actor_username = 'pharmacist' or subject = 'pharmacist') order by id""")
                .query(String.class).list();
        assertThat(outcomes).containsSubsequence("FAILURE", "SUCCESS");
    }

    private static HttpResponse<String> bearer(WebSession web, String token) {
        return web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).GET().build());
    }
}
