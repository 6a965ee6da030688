package org.yiwang.registry;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.IntegrationTest;
import org.yiwang.testing.Chromium;

/** The organisation network in a real Chromium: browse the tree, open an organisation, edit it. */
@IntegrationTest
class RegistryBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    Organisations organisations;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Page signIn(Page page, String username, String lang) {
        return Chromium.signIn(page, url(""), username, lang);
    }

    void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }

    @Test
    void administratorBrowsesTheTreeOpensAVillageClinicAndEditsIt() {
        Page page = signIn(chromium.page(1280, 900), "admin", "zh-CN");
        page.locator(".yw-mainnav").getByText("机构与人员").click();
        page.waitForURL(url("/registry/organisations"));
        assertThat(page.locator("h1")).hasText("机构网络");

        // the county hospital is open at the first level; a township centre opens on click and shows its clinics
        var centre = page.locator("[data-testid='node-" + DemoCountyPlan.townshipCentreCode(3) + "']");
        var clinic = page.locator("[data-testid='node-" + DemoCountyPlan.villageClinicCode(3, 1) + "'] a");
        assertThat(clinic).not().isVisible();
        centre.locator("summary").first().click();
        assertThat(clinic).isVisible();
        screenshot(page, "registry-tree-zh");

        clinic.click();
        assertThat(page.locator("[data-testid=organisation-detail] h1")).containsText("松林村卫生室");
        assertThat(page.locator("[data-testid=teams]")).containsText("龙泉乡家庭医生团队");
        screenshot(page, "registry-organisation-zh");

        page.click("[data-testid=edit-organisation]");
        page.fill("input[name=latitude]", "95");
        page.click("[data-testid=save]");
        assertThat(page.locator("[data-testid=error-latitude]")).hasText("纬度须在−90到90之间（WGS-84，十进制度）");
        assertThat(page.locator("input[name=address]")).not().hasValue("");
        screenshot(page, "registry-organisation-form-error-zh");

        page.fill("input[name=latitude]", "30.21");
        page.fill("input[name=address]", "清水县龙泉乡松林村卫生室新址");
        page.locator("input[name=services][value=VACCINATION]").check();
        page.click("[data-testid=save]");
        assertThat(page.locator("[data-testid=saved]")).isVisible();
        assertThat(page.locator("[data-testid=services]")).containsText("预防接种");
        assertThat(page.locator("[data-testid=coordinates]")).containsText("30.21");
        OrganisationDetail saved = organisations.findByCode(DemoCountyPlan.villageClinicCode(3, 1))
                .flatMap(o -> organisations.detail(o.id())).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(saved.address()).isEqualTo("清水县龙泉乡松林村卫生室新址");
        org.assertj.core.api.Assertions.assertThat(saved.services()).contains(ServiceCode.VACCINATION,
                ServiceCode.GENERAL_PRACTICE);

        page.navigate(url("/registry/teams"));
        page.locator("[data-testid=teams] tbody a").first().click();
        page.click("[data-testid=edit-team]");
        assertThat(page.locator("[data-testid=team-lead]")).not().hasValue("");
        screenshot(page, "registry-team-form-zh");
        page.navigate(url("/registry/practitioners?q=" + java.net.URLEncoder.encode("王", java.nio.charset.StandardCharsets.UTF_8)));
        page.locator("[data-testid=practitioners] tbody a").first().click();
        page.click("[data-testid=edit-practitioner]");
        assertThat(page.locator("[data-testid=practitioner-form]")).isVisible();
        screenshot(page, "registry-practitioner-form-zh");
    }

    @Test
    void analystSeesTheNetworkPractitionersAndTeamsInEnglish() {
        Page page = signIn(chromium.page(1280, 900), "analyst", "en");
        page.navigate(url("/registry/organisations"));
        assertThat(page.locator("h1")).hasText("Organisation network");
        assertThat(page.locator("[data-testid=new-organisation]")).hasCount(0);
        screenshot(page, "registry-tree-en");
        page.navigate(url("/registry/consortia"));
        assertThat(page.locator("[data-testid=consortia]")).containsText("Qingshui County Medical Community");
        screenshot(page, "registry-consortia-en");
        page.navigate(url("/registry/practitioners"));
        assertThat(page.locator("[data-testid=next-page]")).isVisible();
        screenshot(page, "registry-practitioners-en");
        page.navigate(url("/registry/teams"));
        page.locator("[data-testid=teams] tbody a").nth(1).click();
        assertThat(page.locator("[data-testid=team-members]")).containsText("Family doctor (team lead)");
        screenshot(page, "registry-team-en");
    }

    @Test
    void treeFitsAPhoneScreen() {
        Page page = signIn(chromium.page(Chromium.PHONE), "registrar", "zh-CN");
        page.navigate(url("/registry/organisations"));
        page.locator("[data-testid='node-" + DemoCountyPlan.townshipCentreCode(1) + "'] summary").first().click();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).as("page wider than the phone").isEqualTo(false);
        screenshot(page, "registry-tree-phone");
        page.navigate(url("/registry/organisations/" + organisations.findByCode(DemoCountyPlan.COUNTY_HOSPITAL)
                .orElseThrow().id()));
        screenshot(page, "registry-organisation-phone");
    }
}
