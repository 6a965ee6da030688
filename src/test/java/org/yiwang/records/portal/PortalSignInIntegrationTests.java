package org.yiwang.records.portal;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.testing.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.records.portal.PortalFixtures.demoCode;
import static org.yiwang.records.portal.PortalFixtures.enterCode;
import static org.yiwang.records.portal.PortalFixtures.location;
import static org.yiwang.records.portal.PortalFixtures.requestCode;

/** Residents' sign-in with mobile number and one-time code (issue 4 point 4; PIPL-03 for children). */
@IntegrationTest
class PortalSignInIntegrationTests {

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

    private byte[] codeRow(String mobileNumber) {
        return encryption.blindIndex(mobileNumber, "platform.sign_in_code.phone");
    }

    private long accountsOf(long residentId) {
        return jdbc.sql("select count(*) from platform.account where resident_id = :id").param("id", residentId)
                .query(Long.class).single();
    }

    private List<String> auditActions(String maskedPhone) {
        return jdbc.sql("select action || ':' || outcome from platform.audit_event where subject = :s order by id")
                .param("s", maskedPhone).query(String.class).list();
    }

    @Test
    void codeIsIssuedShownInDemoRunAndSignsTheResidentIn() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("王秀英", LocalDate.of(1950, 3, 2), phone, null);
        WebSession web = new WebSession(port);

        HttpResponse<String> codePage = requestCode(web, phone);
        assertThat(codePage.body()).contains(phone.substring(0, 3) + "****" + phone.substring(7));
        String code = demoCode(codePage);
        assertThat(jdbc.sql("select count(*) from platform.sign_in_code where phone_index = :i and code_hash <> :plain")
                .param("i", codeRow(phone)).param("plain", code.getBytes()).query(Long.class).single())
                .as("only a keyed hash of the code is stored").isEqualTo(1);

        HttpResponse<String> signedIn = enterCode(web, code);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).endsWith("/");
        assertThat(accountsOf(resident)).isEqualTo(1);
        assertThat(jdbc.sql("select display_name from platform.account where resident_id = :id").param("id", resident)
                .query(String.class).single()).isEqualTo("王秀英");
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        assertThat(auditActions(masked)).contains("SIGN_IN_CODE_SENT:SUCCESS", "SIGN_IN_CODE_VERIFIED:SUCCESS");

        // the code is used up: entering it again in a new session does not sign in
        WebSession replay = new WebSession(port);
        requestCode(replay, phone); // too soon for a new code, but the number is pending in this session
        assertThat(enterCode(replay, code).body()).contains("data-testid=\"resident-login-error\"");
    }

    @Test
    void demoRunShowsTheDemoResidentsNumberWhichSignsIntoTheDemoResidentAccount() {
        WebSession web = new WebSession(port);
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("data-testid=\"demo-phone-value\">([0-9]{11})<")
                .matcher(web.get("/login/resident").body());
        assertThat(number.find()).isTrue();
        long demoResident = jdbc.sql("select resident_id from platform.account where username = 'resident'")
                .query(Long.class).single();
        HttpResponse<String> verified = enterCode(web, demoCode(requestCode(web, number.group(1))));
        if (location(verified).endsWith("/login/resident/choose")) {
            verified = web.post("/login/resident/choose", Map.of("residentId", Long.toString(demoResident)));
        }
        assertThat(location(verified)).endsWith("/");
        assertThat(location(web.get("/"))).endsWith("/me");
        assertThat(accountsOf(demoResident)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'DEMO_SIGN_IN_HINT'")
                .param("id", demoResident).query(Long.class).single()).isPositive();
    }

    @Test
    void accountIsProvisionedOnceAcrossSignIns() {
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("李建国", LocalDate.of(1962, 7, 9), phone, null);
        PortalFixtures.signIn(new WebSession(port), phone);
        jdbc.sql("update platform.sign_in_code set last_sent_at = now() - interval '2 minutes' where phone_index = :i")
                .param("i", codeRow(phone)).update();
        PortalFixtures.signIn(new WebSession(port), phone);
        assertThat(accountsOf(resident)).isEqualTo(1);
    }

    @Test
    void wrongCodeIsCountedAndLocksTheCodeOutAfterFiveAttempts() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("赵敏", LocalDate.of(1980, 1, 1), phone, null);
        WebSession web = new WebSession(port);
        String code = demoCode(requestCode(web, phone));
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> response = enterCode(web, wrong);
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).contains("验证码不正确，还可以再试 " + left + " 次");
        }
        assertThat(enterCode(web, wrong).body()).contains("验证码输错次数过多");
        HttpResponse<String> right = enterCode(web, code);
        assertThat(right.statusCode()).as("the right code after the lockout").isEqualTo(422);
        assertThat(right.body()).contains("验证码输错次数过多");
        assertThat(jdbc.sql("select attempts from platform.sign_in_code where phone_index = :i")
                .param("i", codeRow(phone)).query(Integer.class).single()).isEqualTo(5);
        assertThat(auditActions(phone.substring(0, 3) + "****" + phone.substring(7)))
                .contains("SIGN_IN_CODE_VERIFIED:FAILURE");
    }

    @Test
    void concurrentWrongCodesFromManySessionsNeverExceedTheAttemptLimit() throws Exception {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("钱多", LocalDate.of(1977, 7, 7), phone, null);
        WebSession first = new WebSession(port);
        String code = demoCode(requestCode(first, phone));
        String wrong = code.equals("999999") ? "888888" : "999999";
        List<WebSession> sessions = new java.util.ArrayList<>(List.of(first));
        for (int i = 0; i < 11; i++) {
            WebSession other = new WebSession(port);
            requestCode(other, phone); // too soon for a new code; the number is pending in this session too
            sessions.add(other);
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (WebSession web : sessions) {
                answers.add(pool.submit(() -> enterCode(web, wrong)));
            }
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(422);
            }
        }
        assertThat(jdbc.sql("select attempts from platform.sign_in_code where phone_index = :i")
                .param("i", codeRow(phone)).query(Integer.class).single()).isEqualTo(5);
        assertThat(enterCode(first, code).body()).contains("验证码输错次数过多");
    }

    @Test
    void expiredCodeIsRefused() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("孙丽", LocalDate.of(1975, 5, 5), phone, null);
        WebSession web = new WebSession(port);
        String code = demoCode(requestCode(web, phone));
        jdbc.sql("update platform.sign_in_code set expires_at = now() - interval '1 second' where phone_index = :i")
                .param("i", codeRow(phone)).update();
        HttpResponse<String> response = enterCode(web, code);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("验证码已过期");
    }

    @Test
    void resendIsLimitedPerMinuteAndPerDay() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("周强", LocalDate.of(1970, 2, 2), phone, null);
        WebSession web = new WebSession(port);
        demoCode(requestCode(web, phone));
        HttpResponse<String> tooSoon = requestCode(web, phone);
        assertThat(tooSoon.body()).contains("验证码刚刚发过").doesNotContain("demo-code-value");
        for (int sent = 2; sent <= 10; sent++) {
            jdbc.sql("update platform.sign_in_code set last_sent_at = now() - interval '61 seconds' where phone_index = :i")
                    .param("i", codeRow(phone)).update();
            demoCode(requestCode(web, phone));
        }
        jdbc.sql("update platform.sign_in_code set last_sent_at = now() - interval '61 seconds' where phone_index = :i")
                .param("i", codeRow(phone)).update();
        HttpResponse<String> limited = requestCode(web, phone);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("今天获取验证码的次数已达上限（10 次）");
    }

    @Test
    void unknownNumberGetsTheSameAnswerWithoutACode() {
        WebSession web = new WebSession(port);
        HttpResponse<String> page = requestCode(web, fixtures.newMobileNumber());
        assertThat(page.body()).contains("data-testid=\"resident-code-sent\"", "data-testid=\"demo-not-on-file\"")
                .doesNotContain("demo-code-value");
    }

    @Test
    void malformedNumberIsRefusedWithAMessage() {
        WebSession web = new WebSession(port);
        web.get("/login/resident");
        HttpResponse<String> response = web.post("/login/resident/code", Map.of("phone", "12345"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("请输入 11 位手机号");
    }

    @Test
    void childUnderFourteenCannotSignInPipl03() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("小明", LocalDate.now().minusYears(9), phone, null);
        WebSession web = new WebSession(port);
        HttpResponse<String> response = enterCode(web, demoCode(requestCode(web, phone)));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("14 岁以下儿童");
        assertThat(jdbc.sql("select count(*) from platform.account a join mpi.resident r on r.id = a.resident_id"
                + " where r.name = '小明' and r.created_by = 'portal-test'").query(Long.class).single()).isZero();
    }

    @Test
    void sharedNumberLetsThePersonChooseAmongItsAdultHolders() {
        String phone = fixtures.newMobileNumber();
        long grandfather = fixtures.resident("陈德福", LocalDate.of(1948, 4, 4), phone, null);
        long mother = fixtures.resident("陈丽华", LocalDate.of(1985, 6, 6), phone, null);
        fixtures.resident("陈小宝", LocalDate.now().minusYears(5), phone, mother);
        WebSession web = new WebSession(port);
        HttpResponse<String> verified = enterCode(web, demoCode(requestCode(web, phone)));
        assertThat(location(verified)).endsWith("/login/resident/choose");
        HttpResponse<String> chooser = web.get("/login/resident/choose");
        assertThat(chooser.body()).contains("陈**", "1948", "1985").doesNotContain("陈德福", "陈小宝");
        assertThat(chooser.body().split("data-testid=\"resident-choice\"")).hasSize(3);

        // someone else's id cannot be chosen
        long stranger = fixtures.resident("外人", LocalDate.of(1980, 1, 1), fixtures.newMobileNumber(), null);
        assertThat(web.post("/login/resident/choose", Map.of("residentId", Long.toString(stranger))).statusCode())
                .isEqualTo(403);
        assertThat(accountsOf(stranger)).isZero();

        HttpResponse<String> chosen = web.post("/login/resident/choose", Map.of("residentId", Long.toString(mother)));
        assertThat(location(chosen)).endsWith("/");
        assertThat(accountsOf(mother)).isEqualTo(1);
        assertThat(accountsOf(grandfather)).isZero();
    }

    @Test
    void residentSetsAPasswordAndSignsInWithNumberAndPassword() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("刘海", LocalDate.of(1966, 8, 8), phone, null);
        WebSession web = new WebSession(port);
        PortalFixtures.signIn(web, phone);
        assertThat(web.get("/account/password").body()).contains("data-testid=\"password-first\"");
        HttpResponse<String> set = web.post("/account/password",
                Map.of("newPassword", "Liuhai#2026a", "confirmPassword", "Liuhai#2026a"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(302);

        WebSession other = new WebSession(port);
        other.get("/login/resident");
        HttpResponse<String> bad = other.post("/login/resident/password", Map.of("phone", phone, "password", "nope"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("手机号或密码错误");
        HttpResponse<String> good = other.post("/login/resident/password",
                Map.of("phone", phone, "password", "Liuhai#2026a"));
        assertThat(location(good)).endsWith("/");
        assertThat(other.get("/account/password").body()).doesNotContain("data-testid=\"password-first\"");
    }

    @Test
    void numberAndPasswordLockOutAfterFiveWrongPasswords() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("马兰", LocalDate.of(1971, 3, 3), phone, null);
        WebSession web = new WebSession(port);
        PortalFixtures.signIn(web, phone);
        web.post("/account/password", Map.of("newPassword", "Malan#2026ab", "confirmPassword", "Malan#2026ab"));
        WebSession other = new WebSession(port);
        other.get("/login/resident");
        for (int i = 0; i < 5; i++) {
            other.post("/login/resident/password", Map.of("phone", phone, "password", "wrong-" + i));
        }
        HttpResponse<String> locked = other.post("/login/resident/password",
                Map.of("phone", phone, "password", "Malan#2026ab"));
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.body()).contains("账户已锁定");
    }
}
