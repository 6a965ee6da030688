package org.yiwang.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.yiwang.platform.demo.DemoMode;

/**
 * One Chromium per browser-test class ({@code @RegisterExtension static final Chromium chromium = new Chromium();}):
 * launched before the class, closed after it; every page a test opens gets its own browser context (own cookies),
 * closed after the test.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** A small phone held upright: 375 × 740, touch. */
    public static final Browser.NewContextOptions PHONE = new Browser.NewContextOptions().setViewportSize(375, 740)
            .setIsMobile(true).setHasTouch(true);

    private Browsers.Session session;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        session = Browsers.launchChromium();
    }

    @Override
    public void afterEach(ExtensionContext extensionContext) {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) {
        if (session != null) {
            session.close();
        }
    }

    /** A new page in a fresh context with a window of this size. */
    public Page page(int width, int height) {
        return page(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** A new page in a fresh context with these options (e.g. {@link #PHONE}). */
    public Page page(Browser.NewContextOptions options) {
        BrowserContext context = session.browser().newContext(options);
        contexts.add(context);
        return context.newPage();
    }

    /** {@code page} signed in as a demo login through the sign-in form, in this UI language. */
    public static Page signIn(Page page, String baseUrl, String username, String language) {
        page.navigate(baseUrl + "/login?lang=" + language);
        page.fill("[data-testid=username]", username);
        page.fill("[data-testid=password]", DemoMode.DEMO_PASSWORD);
        page.click("[data-testid=login-submit]");
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }

    /** A full-page screenshot under {@link Browsers#screenshot}, for a person to look at what the test saw. */
    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot(name)).setFullPage(true));
    }
}
