package org.yiwang.ecg.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.Chromium;

/**
 * The ECG viewer in Chromium: a synthetic 12-lead ECG stored through the façade, opened on its viewer page by the
 * uploading clinic's doctor; the paper and the traces are drawn (pixel colours), layout and paper speed switch,
 * calipers on two beats measure the synthetic RR interval, a handle drags to the next beat, a tablet measures by touch,
 * and a long recording is paged with the navigator.
 */
@IntegrationTest
class EcgViewerBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** A tablet held upright (768 × 1024 CSS px, 2 device pixels per CSS pixel), touch only. */
    static final Browser.NewContextOptions TABLET = new Browser.NewContextOptions().setViewportSize(768, 1024)
            .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true);

    static final String VIEWER = "[data-testid=ecg-viewer]";

    @LocalServerPort
    int port;

    @Autowired
    EcgRecordings recordings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    EcgFixtures fixtures;
    long township;
    long resident;

    @BeforeEach
    void townshipClinicDoctor() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        township = fixtures.townshipCentre();
        resident = fixtures.freshResident();
        fixtures.staff("ecg-viewer-doctor", township, Role.DOCTOR);
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private long store(EcgKind kind, EcgRecording samples) {
        fixtures.actAs("ecg-viewer-doctor");
        try {
            return recordings.store(EcgFixtures.upload(resident, township, kind, samples, null));
        } finally {
            EcgFixtures.actAsSystem();
        }
    }

    /** The id of a demo ECG once its background pre-analysis after start-up is done. */
    private long analysedDemo(String idempotencyKey) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> jdbc.sql(
                "select count(*) from ecg.recording where idempotency_key = :key and status = 'RECEIVED'")
                .param("key", idempotencyKey).query(Long.class).single() == 0);
        return jdbc.sql("select id from ecg.recording where idempotency_key = :key").param("key", idempotencyKey)
                .query(Long.class).single();
    }

    private Page open(Page page, long recordingId, String language) {
        String base = "http://127.0.0.1:" + port;
        Chromium.signIn(page, base, "ecg-viewer-doctor", language);
        page.navigate(base + "/ecg/recordings/" + recordingId + "/view");
        assertThat(page.locator(VIEWER)).hasAttribute("data-state", "ready");
        return page;
    }

    /** Where a sample of a panel's trace is on the screen. */
    private static double[] point(Page page, String panel, int sample) {
        Map<?, ?> p = (Map<?, ?>) page.evaluate("([panel, sample]) => document.querySelector('" + VIEWER
                + "').ecgViewer.clientPoint(panel, sample)", List.of(panel, sample));
        assertThat(p).as("%s sample %d on screen", panel, sample).isNotNull();
        return new double[] {((Number) p.get("x")).doubleValue(), ((Number) p.get("y")).doubleValue()};
    }

    /** The darkest colour of the paper canvas within two device pixels of a point of the page (lines are anti-aliased). */
    private static int[] pixel(Page page, double clientX, double clientY) {
        List<?> rgb = (List<?>) page.evaluate("([x, y]) => { const c = document.querySelector('[data-testid=ecg-paper]');"
                + " const r = c.getBoundingClientRect(); const k = c.width / r.width;"
                + " const d = c.getContext('2d').getImageData(Math.floor((x - r.left) * k) - 2,"
                + " Math.floor((y - r.top) * k) - 2, 5, 5).data; let best = [255, 255, 255];"
                + " for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] < best[0] + best[1] + best[2])"
                + " best = [d[i], d[i + 1], d[i + 2]]; } return best; }", List.of(clientX, clientY));
        return rgb.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    /** How many pixels of the paper canvas are near each colour: [major grid red, minor grid pink, black trace]. */
    private static long[] colourCounts(Page page) {
        List<?> counts = (List<?>) page.evaluate("() => { const c = document.querySelector('[data-testid=ecg-paper]');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const n = [0, 0, 0];"
                + " const near = (i, r, g, b) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40;"
                + " for (let i = 0; i < d.length; i += 4) { if (near(i, 224, 122, 122)) n[0]++;"
                + " else if (near(i, 245, 198, 198)) n[1]++; else if (d[i] < 70 && d[i + 1] < 70 && d[i + 2] < 70) n[2]++; }"
                + " return n; }");
        return counts.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** Two touch points spreading horizontally from ±fromPx to ±toPx around (x, y), as real touch input. */
    private static void pinch(Page page, double x, double y, double fromPx, double toPx) {
        CDPSession cdp = page.context().newCDPSession(page);
        int steps = 6;
        for (int i = 0; i <= steps + 1; i++) {
            double half = fromPx + (toPx - fromPx) * Math.min(i, steps) / steps;
            JsonObject params = new JsonObject();
            params.addProperty("type", i == 0 ? "touchStart" : i <= steps ? "touchMove" : "touchEnd");
            JsonArray points = new JsonArray();
            if (i <= steps) {
                for (int finger = 0; finger < 2; finger++) {
                    JsonObject touch = new JsonObject();
                    touch.addProperty("x", x + (finger == 0 ? -half : half));
                    touch.addProperty("y", y);
                    touch.addProperty("id", finger);
                    points.add(touch);
                }
            }
            params.add("touchPoints", points);
            cdp.send("Input.dispatchTouchEvent", params);
        }
        cdp.detach();
    }

    private static int attribute(Locator locator, String name) {
        return Integer.parseInt(locator.getAttribute(name));
    }

    @Test
    @SuppressWarnings("unchecked")
    void drawsTheTwelveLeadOnEcgPaperAndMeasuresTheRrIntervalWithCalipers() {
        SyntheticEcg ecg = EcgFixtures.twelveLead(72, 21);
        long id = store(EcgKind.RESTING_12_LEAD, ecg.recording());
        fixtures.awaitAnalysed(id);
        Page page = chromium.page(1280, 1000);
        Response signal = page.waitForResponse(r -> r.url().contains("/ecg/recordings/" + id + "/signal"),
                () -> open(page, id, "zh-CN"));
        Locator viewer = page.locator(VIEWER);

        // the window travels gzipped (township links are slow)
        assertThat(signal.status()).isEqualTo(200);
        assertThat(signal.headerValue("content-encoding")).isEqualTo("gzip");
        long encoded = signal.request().sizes().responseBodySize;
        long decoded = signal.body().length;
        System.out.printf("ECG signal window, 12 leads x 5000 samples: %d bytes JSON, %d bytes on the wire%n", decoded,
                encoded);
        assertThat(encoded).isLessThan(decoded / 2);

        // 12 standard leads: 3 × 4 panels plus the lead II rhythm strip, on pink/red millimetre paper
        assertThat(viewer).hasAttribute("data-layout", "12");
        List<Object> panels = (List<Object>) page.evaluate("document.querySelector('" + VIEWER + "').ecgViewer.panels().map(p => p.key)");
        assertThat(panels).containsExactly("I@0", "aVR@1", "V1@2", "V4@3", "II@0", "aVL@1", "V2@2", "V5@3",
                "III@0", "aVF@1", "V3@2", "V6@3", "II@rhythm");
        long[] colours = colourCounts(page);
        assertThat(colours[0]).as("major grid pixels").isGreaterThan(20_000);
        assertThat(colours[1]).as("minor grid pixels").isGreaterThan(50_000);
        assertThat(colours[2]).as("trace pixels").isGreaterThan(10_000);
        int[] beats = ecg.beats().sampleIndices();
        int r = beats[3];
        double[] peak = point(page, "II@rhythm", r);
        int[] atPeak = pixel(page, peak[0], peak[1]);
        assertThat(atPeak[0] + atPeak[1] + atPeak[2]).as("the trace at an R peak is dark: %s", java.util.Arrays.toString(atPeak))
                .isLessThan(150);
        assertThat(page.locator("[data-testid=ecg-zoom-level]")).containsText("%");
        Chromium.screenshot(page, "ecg-viewer-1280-12lead-zh");

        // calipers: a click on each of two beats of the rhythm strip measures the RR interval
        page.mouse().click(peak[0], peak[1] + 20);
        double[] next = point(page, "II@rhythm", beats[4]);
        page.mouse().click(next[0], next[1] + 20);
        Locator readout = page.locator("[data-testid=ecg-caliper-readout]");
        assertThat(readout).hasAttribute("data-interval-samples", java.util.regex.Pattern.compile("\\d+"));
        int rr = beats[4] - beats[3];
        assertThat(attribute(readout, "data-interval-samples")).isCloseTo(rr, Offset.offset(2));
        assertThat(attribute(readout, "data-interval-ms")).isCloseTo(rr * 2, Offset.offset(4));
        assertThat(attribute(readout, "data-rate-bpm")).isCloseTo((int) Math.round(60.0 * 500 / rr), Offset.offset(1));
        assertThat(readout).containsText("导联 II");
        assertThat(readout).containsText("次/分");
        Chromium.screenshot(page, "ecg-viewer-1280-calipers-zh");

        // the second handle drags to the beat after
        double[] handle = point(page, "II@rhythm", attribute(readout, "data-interval-samples") + beats[3]);
        double[] further = point(page, "II@rhythm", beats[5]);
        page.mouse().move(handle[0], handle[1]);
        page.mouse().down();
        page.mouse().move((handle[0] + further[0]) / 2, handle[1], new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().move(further[0], handle[1], new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().up();
        assertThat(attribute(readout, "data-interval-samples")).isCloseTo(beats[5] - beats[3], Offset.offset(2));
        int dragged = attribute(readout, "data-interval-samples");

        // arrow keys move the handle last used by one sample
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        assertThat(readout).hasAttribute("data-interval-samples", Integer.toString(dragged + 2));

        // ctrl + wheel zooms around the pointer; the zoom buttons step; "fit width" returns
        double fitted = Double.parseDouble(viewer.getAttribute("data-zoom"));
        page.mouse().move(peak[0], peak[1]);
        page.keyboard().down("Control");
        page.mouse().wheel(0, -200);
        page.keyboard().up("Control");
        double wheeled = Double.parseDouble(viewer.getAttribute("data-zoom"));
        assertThat(wheeled).as("zoom after ctrl+wheel").isGreaterThan(fitted * 1.3);
        page.click("[data-testid=ecg-zoom-out]");
        assertThat(Double.parseDouble(viewer.getAttribute("data-zoom"))).isCloseTo(wheeled / 1.25, Offset.offset(0.01));
        page.click("[data-testid=ecg-zoom-fit]");
        assertThat(viewer).hasAttribute("data-zoom", String.format(java.util.Locale.ROOT, "%.3f", fitted));

        // single-lead strips at 50 mm/s: one row per lead, twice as long a paper
        int paperWidth = ((Number) page.evaluate("parseFloat(document.querySelector('[data-ecg=sizer]').style.width)")).intValue();
        page.selectOption("[data-testid=ecg-layout]", "strips");
        page.selectOption("[data-testid=ecg-speed]", "50");
        assertThat(viewer).hasAttribute("data-layout", "strips");
        assertThat(viewer).hasAttribute("data-speed", "50");
        assertThat(readout).not().hasAttribute("data-interval-ms", java.util.regex.Pattern.compile(".*"));
        List<Object> strips = (List<Object>) page.evaluate("document.querySelector('" + VIEWER + "').ecgViewer.panels().map(p => p.key)");
        assertThat(strips).containsExactlyElementsOf(List.copyOf(EcgFixtures.TWELVE_LEADS));
        int stripsWidth = ((Number) page.evaluate("parseFloat(document.querySelector('[data-ecg=sizer]').style.width)")).intValue();
        assertThat(stripsWidth).as("10 s at 50 mm/s against 2.5 s columns at 25 mm/s").isGreaterThan(paperWidth * 3 / 2);
        assertThat(colourCounts(page)[2]).as("trace pixels in the strips").isGreaterThan(5_000);
        assertThat(page.locator("[data-testid=ecg-navigator]")).isHidden();
        Chromium.screenshot(page, "ecg-viewer-1280-strips-50mm-zh");
        Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("the page itself never scrolls sideways").isEqualTo(false);
    }

    @Test
    void aTabletMeasuresByTouchOnSharpDevicePixels() {
        SyntheticEcg ecg = EcgFixtures.twelveLead(90, 22);
        long id = store(EcgKind.RESTING_12_LEAD, ecg.recording());
        fixtures.awaitAnalysed(id);
        Page page = open(chromium.page(TABLET), id, "zh-CN");

        Object canvasToCss = page.evaluate("(() => { const c = document.querySelector('[data-testid=ecg-paper]');"
                + " return c.width / c.getBoundingClientRect().width; })()");
        assertThat(((Number) canvasToCss).doubleValue()).as("canvas pixels per CSS pixel").isEqualTo(2.0);
        int[] beats = ecg.beats().sampleIndices();
        double[] a = point(page, "II@rhythm", beats[2]);
        page.touchscreen().tap(a[0] + 3, a[1] + 25);
        double[] b = point(page, "II@rhythm", beats[3]);
        page.touchscreen().tap(b[0] - 3, b[1] + 25);

        Locator readout = page.locator("[data-testid=ecg-caliper-readout]");
        assertThat(readout).hasAttribute("data-interval-samples", java.util.regex.Pattern.compile("\\d+"));
        assertThat(attribute(readout, "data-interval-samples")).isCloseTo(beats[3] - beats[2], Offset.offset(2));
        Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("no sideways scrolling of the page on a tablet").isEqualTo(false);
        Chromium.screenshot(page, "ecg-viewer-768-tablet-zh");

        // two fingers spread apart zoom the paper (not the page), and the calipers stay on their beats
        double zoom = Double.parseDouble(page.locator(VIEWER).getAttribute("data-zoom"));
        double[] mid = point(page, "II@rhythm", beats[4]);
        pinch(page, mid[0], mid[1] + 10, 40, 160);
        double zoomed = Double.parseDouble(page.locator(VIEWER).getAttribute("data-zoom"));
        assertThat(zoomed).as("zoom after spreading two fingers from 80 to 320 px").isCloseTo(zoom * 4, Offset.offset(zoom * 0.4));
        assertThat(page.evaluate("window.visualViewport.scale")).isEqualTo(1);
        assertThat(page.evaluate("([x, y]) => document.querySelector('" + VIEWER + "').ecgViewer.panelAt(x, y)",
                List.of(mid[0], mid[1] + 10))).as("the rhythm strip stays under the fingers").isEqualTo("II@rhythm");
        assertThat(attribute(readout, "data-interval-samples")).isCloseTo(beats[3] - beats[2], Offset.offset(2));
        Chromium.screenshot(page, "ecg-viewer-768-tablet-pinched-zh");
    }

    @Test
    void aLongRecordingIsPagedTenSecondsAtATimeInEnglish() {
        EcgRecording holter = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 180, 66)
                .withLeads(List.of("MLII", "V5")).withGaussianNoise(8), 23).recording();
        long id = store(EcgKind.LONG_TERM, holter);
        Page page = open(chromium.page(1280, 900), id, "en");
        Locator viewer = page.locator(VIEWER);

        assertThat(viewer).hasAttribute("data-layout", "strips");
        assertThat(page.locator("[data-testid=ecg-layout] option[value='12']")).hasJSProperty("disabled", true);
        assertThat(page.locator("[data-testid=ecg-navigator]")).isVisible();
        assertThat(page.locator("[data-testid=ecg-position]")).hasText("00:00–00:10 of 03:00");
        assertThat(page.locator("[data-testid=ecg-prev]")).isDisabled();
        assertThat(page.locator("[data-testid=ecg-caliper-readout]")).containsText("Calipers");

        page.click("[data-testid=ecg-next]");
        assertThat(viewer).hasAttribute("data-from-sample", "2500");
        assertThat(page.locator("[data-testid=ecg-position]")).hasText("00:10–00:20 of 03:00");

        page.fill("[data-testid=ecg-jump-time]", "2:55");
        page.click("[data-testid=ecg-jump]");
        assertThat(viewer).hasAttribute("data-from-sample", "42500");
        assertThat(page.locator("[data-testid=ecg-next]")).isDisabled();
        double[] end = point(page, "V5", 44999);
        int[] atEnd = pixel(page, end[0], end[1]);
        assertThat(atEnd[0] + atEnd[1] + atEnd[2]).as("the last sample is drawn").isLessThan(150);

        page.fill("[data-testid=ecg-jump-time]", "4:00");
        page.click("[data-testid=ecg-jump]");
        assertThat(page.locator("[data-testid=ecg-status]")).containsText("between 0 and 03:00");
        assertThat(viewer).hasAttribute("data-from-sample", "42500");
        Chromium.screenshot(page, "ecg-viewer-1280-long-en");
    }

    @Test
    void theDemoCentresReaderSeesTheCriticalStemiAndPagesTheHalfHourRecording() {
        long stemi = analysedDemo("demo-0");
        long holter = analysedDemo("demo-7");
        String base = "http://127.0.0.1:" + port;
        Page page = Chromium.signIn(chromium.page(1280, 1000), base, "ecgreader", "zh-CN");

        page.navigate(base + "/ecg/recordings/" + stemi + "/view");
        assertThat(page.locator(VIEWER)).hasAttribute("data-state", "ready");
        assertThat(page.locator("[data-testid=ecg-critical]")).isVisible();
        assertThat(page.locator(VIEWER)).hasAttribute("data-layout", "12");
        assertThat(colourCounts(page)[2]).as("trace pixels").isGreaterThan(10_000);
        Chromium.screenshot(page, "ecg-viewer-1280-demo-stemi-zh");

        page.navigate(base + "/ecg/recordings/" + holter + "/view");
        assertThat(page.locator(VIEWER)).hasAttribute("data-state", "ready");
        assertThat(page.locator("[data-testid=ecg-position]")).hasText("00:00–00:10 / 共 30:00");
        page.fill("[data-testid=ecg-jump-time]", "15:00");
        page.press("[data-testid=ecg-jump-time]", "Enter");
        assertThat(page.locator("[data-testid=ecg-position]")).hasText("15:00–15:10 / 共 30:00");
        List<?> beats = (List<?>) page.evaluate("document.querySelector('" + VIEWER + "').ecgViewer.beats()");
        assertThat(beats).as("beats of the pre-analysis in the window at 15 min").isNotEmpty();
        Chromium.screenshot(page, "ecg-viewer-1280-demo-holter-zh");
    }

    @Test
    void theHoltersSummaryTakesTheViewerToItsFastestMinute() {
        long holter = analysedDemo("demo-7");
        String base = "http://127.0.0.1:" + port;
        Page page = Chromium.signIn(chromium.page(1280, 1000), base, "ecgreader", "zh-CN");

        page.navigate(base + "/ecg/recordings/" + holter);
        assertThat(page.locator(VIEWER)).hasAttribute("data-state", "ready");
        assertThat(page.locator("[data-testid=ecg-position]")).hasText("00:00–00:10 / 共 30:00");
        int seconds = Integer.parseInt(page.locator("[data-testid=holter-fastest]").getAttribute("data-ecg-goto"));
        org.assertj.core.api.Assertions.assertThat(seconds).isBetween(0, 29 * 60);
        page.click("[data-testid=holter-fastest]");
        String from = String.format("%02d:%02d", seconds / 60, seconds % 60);
        assertThat(page.locator("[data-testid=ecg-position]")).hasText(java.util.regex.Pattern.compile("^" + from + "–"));
        Chromium.screenshot(page, "ecg-recording-1280-demo-holter-fastest-minute-zh");
    }

    @Test
    void theHoltersAtrialFibrillationEpisodeTakesTheViewerToItsOnset() {
        long holter = analysedDemo("demo-8");
        String base = "http://127.0.0.1:" + port;
        Page page = Chromium.signIn(chromium.page(1280, 1400), base, "ecgreader", "zh-CN");

        page.navigate(base + "/ecg/recordings/" + holter);
        assertThat(page.locator(VIEWER)).hasAttribute("data-state", "ready");
        // 15 minutes of sinus rhythm, then 10 of atrial fibrillation: one episode from about 15:00
        assertThat(page.locator("[data-testid=holter-af-episode-list] tbody tr")).hasCount(1);
        assertThat(page.locator("[data-testid=holter-trend-period]")).hasCount(3);
        int seconds = Integer.parseInt(page.locator("[data-testid=holter-af-episode-start]").getAttribute("data-ecg-goto"));
        org.assertj.core.api.Assertions.assertThat(seconds).isBetween(890, 910);
        page.click("[data-testid=holter-af-episode-start]");
        String from = String.format("%02d:%02d", seconds / 60, seconds % 60);
        assertThat(page.locator("[data-testid=ecg-position]")).hasText(java.util.regex.Pattern.compile("^" + from + "–"));
        Chromium.screenshot(page, "ecg-recording-1280-demo-holter-af-episodes-zh");
    }
}
