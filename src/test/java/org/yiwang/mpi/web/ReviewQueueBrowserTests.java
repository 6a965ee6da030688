package org.yiwang.mpi.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.testing.Chromium;

/** A registrar works the review queue in Chromium: opens it, compares a pair, links it, then undoes the merge. */
@IntegrationTest
class ReviewQueueBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Page signedIn(String language) {
        return Chromium.signIn(chromium.page(1280, 900), url(""), "registrar", language);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void registrarComparesAPairLinksItAndUndoesTheMerge() {
        Page page = signedIn("zh-CN");
        page.navigate(url("/mpi/review"));
        assertThat(page.locator("[data-testid=review-row]").first()).isVisible();
        Chromium.screenshot(page, "mpi-review-queue-zh");

        page.locator("[data-testid=open-review]").first().click();
        page.waitForURL(u -> u.matches(".*/mpi/review/\\d+$"));
        long reviewId = Long.parseLong(page.url().replaceAll(".*/", ""));
        assertThat(page.locator("[data-testid=comparison-row]")).hasCount(10);
        assertThat(page.locator("[data-testid=comparison]")).containsText("姓名");
        Chromium.screenshot(page, "mpi-review-pair-zh");

        // a merge needs a reason: refused with the message, nothing merged
        page.click("[data-testid=link]");
        assertThat(page.locator("[data-testid=reason-error]")).isVisible();
        page.fill("[data-testid=link-reason]", "同一人在卫生院和县医院各建一份档案");
        page.click("[data-testid=link]");
        page.waitForURL(u -> u.contains("linked="));
        assertThat(page.locator("[data-testid=linked]")).isVisible();

        long[] pair = jdbc.sql("select resident_low, resident_high from mpi.match_review where id = :id")
                .param("id", reviewId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        assertThat(jdbc.sql("select merged_into_id from mpi.resident where id = :id").param("id", pair[1])
                .query(Long.class).single()).isEqualTo(pair[0]);

        page.navigate(url("/mpi/residents/" + pair[0]));
        assertThat(page.locator("[data-testid=merged-from]").first()).isVisible();
        // the survivor keeps the merged record's history: its versions appear in the survivor's history table
        assertThat(page.locator("[data-testid=merged-version]").first()).isVisible();
        Chromium.screenshot(page, "mpi-survivor-record-zh");
        page.navigate(url("/mpi/residents/" + pair[1]));
        assertThat(page.locator("[data-testid=merged-into]")).isVisible();
        Chromium.screenshot(page, "mpi-merged-record-zh");
        page.fill("[data-testid=unmerge-reason]", "核实为两人，撤销合并");
        page.click("[data-testid=unmerge]");
        page.waitForURL(u -> u.contains("unmerged"));
        assertThat(page.locator("[data-testid=unmerged]")).isVisible();
        assertThat(jdbc.sql("select merged_into_id from mpi.resident where id = :id").param("id", pair[1])
                .query(Long.class).optional().orElse(null)).isNull();
        assertThat(jdbc.sql("select status from mpi.match_review where id = :id").param("id", reviewId)
                .query(String.class).single()).isEqualTo("PENDING");
    }

    @Test
    void queueAndPairReadInEnglish() {
        Page page = signedIn("en");
        page.navigate(url("/mpi/review?order=AGE"));
        assertThat(page.locator("h1")).containsText("Possible duplicate records");
        Chromium.screenshot(page, "mpi-review-queue-en");
        page.locator("[data-testid=open-review]").first().click();
        page.waitForURL(u -> u.matches(".*/mpi/review/\\d+$"));
        assertThat(page.locator("[data-testid=comparison]")).containsText("Agreement");
        Chromium.screenshot(page, "mpi-review-pair-en");
    }
}
