package org.yiwang.records.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewEntry;
import org.yiwang.testing.Chromium;

/**
 * The shared-record view in Chromium at desktop (1280 px) and tablet (768 px) width: the allergy banner, drawn trend
 * charts, "more" appending the next page, result sharing, and no sideways scrolling.
 */
@IntegrationTest
class RecordViewBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthRecord record;

    long resident;

    @BeforeEach
    void aChronicPatientWithYearsOfReadings() {
        resident = RecordFixtures.freshResident(jdbc);
        List<RecordFixtures.Organisation> orgs = RecordFixtures.twoOrganisations(jdbc);
        long hospital = orgs.get(0).id();
        long centre = orgs.get(1).id();
        Instant now = Instant.now();
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Instant at = now.minus(Duration.ofDays(30L * i + 3));
            entries.add(RecordFixtures.bloodPressure(resident, i % 3 == 0 ? hospital : centre, at,
                    Integer.toString(128 + (i * 7) % 30), Integer.toString(78 + (i * 5) % 18)));
            entries.add(RecordFixtures.observation(resident, centre, null, at.plus(Duration.ofMinutes(10)), "1558-6",
                    "6." + (i * 3) % 10, "mmol/L"));
            if (i % 3 == 0) {
                entries.add(RecordFixtures.observation(resident, hospital, null, at.plus(Duration.ofMinutes(20)),
                        "4548-4", "6." + (i * 7) % 10, "%"));
            }
        }
        entries.add(RecordFixtures.diagnosis(resident, centre, now.minus(Duration.ofDays(800)), "I10"));
        entries.add(RecordFixtures.diagnosis(resident, hospital, now.minus(Duration.ofDays(700)), "E11.9"));
        entries.add(RecordFixtures.prescription(resident, centre, now.minus(Duration.ofDays(5)), "苯磺酸氨氯地平片",
                "5", "mg", "口服", "每日一次"));
        entries.add(RecordFixtures.prescription(resident, hospital, now.minus(Duration.ofDays(2)), "盐酸二甲双胍片",
                "0.5", "g", "口服", "每日两次"));
        entries.add(RecordFixtures.allergy(resident, hospital, now.minus(Duration.ofDays(1200)), "青霉素", "过敏性休克"));
        entries.add(RecordFixtures.allergy(resident, centre, now.minus(Duration.ofDays(900)), "磺胺类药物", "皮疹"));
        entries.add(RecordFixtures.encounter(resident, hospital, null, now.minus(Duration.ofDays(1)),
                EntryDetails.EncounterClass.OUTPATIENT, "头晕、口干一周，血糖控制不佳，要求复查并调整用药方案"));
        record.recordOrFindAll(entries, "browser test setup");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Page open(int width, String language) {
        Page page = Chromium.signIn(chromium.page(width, 900), url(""), "doctor", language);
        page.navigate(url("/records/residents/" + resident));
        return page;
    }

    private static void assertNoSidewaysScroll(Page page) {
        Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).as("horizontal overflow").isEqualTo(false);
    }

    @Test
    void desktopShowsAllergiesChartsAndAppendsTheNextPage() {
        Page page = open(1280, "zh-CN");

        assertThat(page.locator("[data-testid=allergies]")).isVisible();
        assertThat(page.locator("[data-testid=allergies]")).containsText("青霉素");
        assertThat(page.locator("[data-testid=allergies]")).containsText("磺胺类药物");
        String background = (String) page.evaluate(
                "getComputedStyle(document.querySelector('[data-testid=allergies]')).backgroundColor");
        org.assertj.core.api.Assertions.assertThat(background).isEqualTo("rgb(253, 236, 234)");
        assertThat(page.locator("[data-testid=chart-bp] canvas")).hasCount(1);
        assertThat(page.locator("[data-testid=chart-glucose] canvas")).hasCount(1);
        assertThat(page.locator("[data-testid=chart-hba1c] canvas")).hasCount(1);
        assertThat(page.locator("[data-testid=chart-bp]")).hasAttribute("data-drawn", "48");
        assertThat(page.locator("[data-testid=timeline-item]")).hasCount(50);
        assertNoSidewaysScroll(page);
        Chromium.screenshot(page, "records-view-1280-zh");
        page.screenshot(new Page.ScreenshotOptions().setPath(org.yiwang.testing.Browsers.screenshot("records-view-1280-zh-top")));

        page.click("[data-testid=timeline-more]");

        assertThat(page.locator("[data-testid=timeline-item]")).hasCount(63);
        assertThat(page.locator("[data-testid=timeline-end]")).isVisible();
        Object distinct = page.evaluate("new Set([...document.querySelectorAll('[data-testid=timeline-item]')]"
                + ".map(li => li.dataset.entryId)).size");
        org.assertj.core.api.Assertions.assertThat(distinct).isEqualTo(63);
        org.assertj.core.api.Assertions.assertThat(page.url()).endsWith("/records/residents/" + resident);
    }

    @Test
    void tabletFitsWithoutSidewaysScrollAndSharesARecentResultBeforeOrdering() {
        Page page = open(768, "zh-CN");

        assertThat(page.locator("[data-testid=allergies]")).isVisible();
        assertThat(page.locator("[data-testid=chart-bp] canvas")).hasCount(1);
        assertNoSidewaysScroll(page);
        Chromium.screenshot(page, "records-view-768-zh");

        page.selectOption("[data-testid=order-test]", "14749-6");
        assertThat(page.locator("[data-testid=sharing-offer]").first()).isVisible();
        assertThat(page.locator("[data-testid=sharing-offers]")).containsText("HIS");
        Chromium.screenshot(page, "records-view-768-sharing-zh");
        page.locator("[data-testid=sharing-use]").first().click();
        assertThat(page.locator("[data-testid=sharing-used]")).containsText("不再重复检查");
        page.locator("[data-testid=order-box]").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(org.yiwang.testing.Browsers.screenshot("records-view-768-top")));
        assertNoSidewaysScroll(page);

        page.locator("[data-testid=timeline-item] [data-testid=entry-link]").first().click();
        assertThat(page.locator("[data-testid=entry-view]")).isVisible();
        assertNoSidewaysScroll(page);
        Chromium.screenshot(page, "records-entry-768-zh");
    }

    @Test
    void rendersInEnglish() {
        Page page = open(1280, "en");

        assertThat(page.locator("[data-testid=allergies]")).containsText("Allergies");
        assertThat(page.locator("[data-testid=trends]")).containsText("Blood pressure");
        assertThat(page.locator("[data-testid=chart-hba1c] canvas")).hasCount(1);
        Chromium.screenshot(page, "records-view-1280-en");
    }
}
