package org.yiwang.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts the system Chromium through Playwright (never a downloaded browser). Without Chromium the browser
 * tests are skipped with a loud message on a developer machine, and fail in CI ({@code CI=true}).
 */
public final class Browsers {

    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

    private Browsers() {
    }

    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {

        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    public static Session launchChromium() {
        Path chromium = Path.of(System.getenv().getOrDefault("YIWANG_CHROMIUM", DEFAULT_CHROMIUM.toString()));
        if (!Files.isExecutable(chromium)) {
            String message = "NO CHROMIUM at " + chromium + ": browser tests cannot run. Install it with "
                    + "'apt-get install -y chromium' or set YIWANG_CHROMIUM.";
            System.err.println("\n!!!!!!!! " + message + " !!!!!!!!\n");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new Session(playwright, browser);
    }

    /**
     * Where screenshots go, so a person can look at what the tests saw: target/browser-screenshots, never the working
     * tree (browser tests run under failsafe, whose working directory is the build directory).
     */
    public static Path screenshot(String name) {
        return Path.of("browser-screenshots", name + ".png");
    }
}
