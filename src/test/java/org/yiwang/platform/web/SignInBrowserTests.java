package org.yiwang.platform.web;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.NewStaffAccount;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.Chromium;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Signing in through a real Chromium, in both UI languages. */
@IntegrationTest
class SignInBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    JdbcClient jdbc;

    Page page;

    @BeforeEach
    void openPage() {
        page = chromium.page(1280, 800);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(String username, String password) {
        page.fill("[data-testid=username]", username);
        page.fill("[data-testid=password]", password);
        page.click("[data-testid=login-submit]");
    }

    @Test
    void administratorSignsInInChineseAndLandsOnAdministration() {
        page.navigate(url("/login"));
        assertThat(page.locator("h1")).hasText("登录医网");
        assertThat(page.locator("[data-testid=demo-logins]")).containsText("演示账户");
        signIn("admin", DemoMode.DEMO_PASSWORD);
        page.waitForURL(url("/admin"));
        assertThat(page.locator("[data-testid=home-admin] h1")).hasText("系统管理");
        assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
        Chromium.screenshot(page, "admin-home-zh");
        for (String adminPage : List.of("accounts", "api-clients", "audit")) {
            page.navigate(url("/admin/" + adminPage));
            assertThat(page.locator("[data-testid=error-page]")).hasCount(0);
            Chromium.screenshot(page, "admin-" + adminPage + "-zh");
        }
    }

    @Test
    void analystSignsInInEnglishAndLandsOnTheCommissionOverview() {
        page.navigate(url("/login?lang=en"));
        signIn("analyst", DemoMode.DEMO_PASSWORD);
        page.waitForURL(url("/commission"));
        assertThat(page.locator("[data-testid=home-commission]")).isVisible();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator(".yw-mainnav")).containsText("Workbench");
        Chromium.screenshot(page, "analyst-commission-en");
    }

    @Test
    void doctorSignsInInEnglishLandsOnWorkbenchAndSwitchesOrganisation() {
        page.navigate(url("/login?lang=en"));
        assertThat(page.locator("h1")).hasText("Sign in to Yiwang");
        signIn("doctor", DemoMode.DEMO_PASSWORD);
        page.waitForURL(url("/workbench"));
        assertThat(page.locator("[data-testid=home-workbench] h1")).hasText("Doctor's workbench");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("[data-testid=recent-sign-ins]")).containsText("Succeeded");

        var switcher = page.locator("[data-testid=organisation-switcher]");
        String first = switcher.inputValue();
        String other = (String) switcher.evaluate("s => [...s.options].map(o => o.value).find(v => v !== s.value)");
        switcher.selectOption(other);
        page.waitForURL(url("/workbench"));
        assertThat(page.locator("[data-testid=organisation-switcher]")).hasValue(other);
        org.assertj.core.api.Assertions.assertThat(other).isNotEqualTo(first);
        Chromium.screenshot(page, "doctor-workbench-en");
    }

    @Test
    void residentSignsInOnAPhoneSizedScreen() {
        Page small = chromium.page(Chromium.PHONE);
        small.navigate(url("/login"));
        small.fill("[data-testid=username]", "resident");
        small.fill("[data-testid=password]", DemoMode.DEMO_PASSWORD);
        small.click("[data-testid=login-submit]");
        small.waitForURL(url("/me"));
        assertThat(small.locator("h1")).hasText("我的健康档案");
        Object overflow = small.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).as("page wider than the phone").isEqualTo(false);
        Chromium.screenshot(small, "resident-phone");
    }

    @Test
    @DisplayName("SEC-04 b: five wrong passwords in the browser lock the account")
    void fiveWrongPasswordsLockTheAccount() {
        String username = "lock" + UUID.randomUUID().toString().substring(0, 6);
        long organisation = jdbc.sql("select organisation_id from platform.account_membership limit 1")
                .query(Long.class).single();
        accounts.createStaffAccount(new NewStaffAccount(username, "锁定测试", "Right#Pass2026", null,
                List.of(new NewStaffAccount.Membership(organisation, Role.NURSE)), false));
        page.navigate(url("/login"));
        for (int attempt = 1; attempt <= 5; attempt++) {
            signIn(username, "wrong" + attempt);
            assertThat(page.locator("[data-testid=login-error]")).containsText("用户名或密码错误");
        }
        signIn(username, "Right#Pass2026");
        assertThat(page.locator("[data-testid=login-locked]")).containsText("已锁定");
        assertThat(page.locator("[data-testid=login-locked]")).containsText("15 分钟");
        Chromium.screenshot(page, "login-locked-zh");
    }
}
