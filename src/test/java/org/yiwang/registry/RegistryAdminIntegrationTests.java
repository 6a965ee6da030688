package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.testing.WebSession;

/**
 * The registry pages over HTTP: staff browse read-only, administrators create and edit organisations, practitioners
 * and family-doctor teams; bad input re-renders the form with a 400 and field messages and changes nothing. The
 * organisations these tests create hang under the health commission as community health centres, so the demo
 * county's own tree (asserted elsewhere) stays as generated.
 */
@IntegrationTest
class RegistryAdminIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Organisations organisations;

    @Autowired
    Practitioners practitioners;

    @Autowired
    CareTeams careTeams;

    @Autowired
    JdbcClient jdbc;

    WebSession signedIn(String username) {
        WebSession session = new WebSession(port);
        session.login(username, DemoMode.DEMO_PASSWORD);
        // the CSRF token changes at sign-in: load a page to pick up the new one
        session.get("/registry/organisations");
        return session;
    }

    long commission() {
        return organisations.findByCode(DemoCountyPlan.COMMISSION).orElseThrow().id();
    }

    Map<String, String> centreForm(String code, String division, String latitude, String longitude) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code);
        form.put("type", "COMMUNITY_HEALTH_CENTRE");
        form.put("nameZh", "测试社区卫生服务中心" + code);
        form.put("nameEn", "Test Community Health Centre " + code);
        form.put("parentId", String.valueOf(commission()));
        form.put("divisionCode", division);
        form.put("address", "清水县城关镇测试路1号");
        form.put("latitude", latitude);
        form.put("longitude", longitude);
        form.put("beds", "12");
        form.put("services", "GENERAL_PRACTICE");
        form.put("active", "true");
        form.put("_active", "on");
        form.put("version", "0");
        return form;
    }

    long createCentre(WebSession admin, String code, String division) {
        HttpResponse<String> created = admin.post("/registry/organisations", centreForm(code, division, "30.13", "103.66"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        return organisations.findByCode(code).orElseThrow().id();
    }

    @Test
    void letsTheAnalystBrowseTheNetworkButNotChangeIt() {
        WebSession analyst = signedIn("analyst");
        HttpResponse<String> tree = analyst.get("/registry/organisations?lang=zh-CN");
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(tree.body()).contains("清水县人民医院").contains("清源市中心医院").contains("柳溪村卫生室")
                .doesNotContain("data-testid=\"new-organisation\"");
        long hospital = organisations.findByCode(DemoCountyPlan.COUNTY_HOSPITAL).orElseThrow().id();
        HttpResponse<String> detail = analyst.get("/registry/organisations/" + hospital);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("胸痛中心").contains("血液透析").contains("清水县人民医院医共体")
                .contains("牵头单位").doesNotContain("data-testid=\"edit-organisation\"");
        assertThat(analyst.get("/registry/organisations/" + hospital + "/edit").statusCode()).isEqualTo(403);
        assertThat(analyst.post("/registry/organisations/" + hospital, Map.of("code", "X")).statusCode()).isEqualTo(403);
        assertThat(organisations.findById(hospital).orElseThrow().code()).isEqualTo(DemoCountyPlan.COUNTY_HOSPITAL);
    }

    @Test
    void keepsResidentsOutOfTheRegistryPages() {
        WebSession resident = signedIn("resident");
        assertThat(resident.get("/registry/organisations").statusCode()).isEqualTo(403);
        assertThat(resident.get("/registry/practitioners").statusCode()).isEqualTo(403);
    }

    @Test
    void refusesABadOrganisationFormWithFieldMessagesKeepsWhatWasTypedAndStoresNothing() {
        WebSession admin = signedIn("admin");
        long before = organisations.count();
        HttpResponse<String> page = admin.post("/registry/organisations?lang=zh-CN",
                centreForm("T-BAD1", "51992105", "ninety", "200"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body())
                .contains("data-testid=\"error-divisionCode\"").contains("行政区划代码须为6位（县级）、9位（乡镇级）或12位（村级）数字")
                .contains("data-testid=\"error-latitude\"").contains("请输入数字")
                .contains("data-testid=\"error-longitude\"").contains("经度须在−180到180之间")
                .contains("value=\"ninety\"").contains("value=\"51992105\"").contains("value=\"T-BAD1\"");
        assertThat(organisations.count()).isEqualTo(before);

        HttpResponse<String> english = admin.post("/registry/organisations?lang=en",
                centreForm("T-BAD1", "519921050", "30.1", ""));
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("Enter both latitude and longitude, or neither");
        assertThat(organisations.findByCode("T-BAD1")).isEmpty();
    }

    @Test
    void adminCreatesAndEditsAnOrganisationAndItsConsortiumMembership() {
        WebSession admin = signedIn("admin");
        long id = createCentre(admin, "T-SQ1", "519921051");
        OrganisationDetail created = organisations.detail(id).orElseThrow();
        assertThat(created.services()).containsExactly(ServiceCode.GENERAL_PRACTICE);
        assertThat(created.latitude()).isEqualByComparingTo(new BigDecimal("30.13"));
        assertThat(organisations.isAbove(commission(), id)).isTrue();

        assertThat(organisations.findById(id).orElseThrow().divisionCode()).isEqualTo("519921051");
        assertThat(organisations.servesDivision(OrganisationType.COMMUNITY_HEALTH_CENTRE, "519921051")).isTrue();

        assertThat(admin.get("/registry/organisations/" + id + "/edit").statusCode()).isEqualTo(200);
        Map<String, String> edit = centreForm("T-SQ1", "519921052", "30.2", "103.7");
        edit.put("address", "清水县城关镇新路8号");
        edit.put("services", "VACCINATION");
        edit.put("version", String.valueOf(created.version()));
        assertThat(admin.post("/registry/organisations/" + id, edit).statusCode()).isEqualTo(302);
        OrganisationDetail edited = organisations.detail(id).orElseThrow();
        assertThat(edited.address()).isEqualTo("清水县城关镇新路8号");
        assertThat(edited.services()).containsExactly(ServiceCode.VACCINATION);
        assertThat(edited.version()).isEqualTo(created.version() + 1);
        assertThat(organisations.findById(id).orElseThrow().divisionCode())
                .as("the summary kept in memory is dropped by the edit").isEqualTo("519921052");
        assertThat(organisations.servesDivision(OrganisationType.COMMUNITY_HEALTH_CENTRE, "519921051")).isFalse();

        HttpResponse<String> stale = admin.post("/registry/organisations/" + id + "?lang=zh-CN", edit);
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("该记录已被他人修改");
        assertThat(organisations.detail(id)).contains(edited);

        long community = organisations.consortia().stream().filter(c -> c.type() == ConsortiumType.MEDICAL_COMMUNITY)
                .findFirst().orElseThrow().id();
        admin.get("/registry/organisations/" + id);
        assertThat(admin.post("/registry/organisations/" + id + "/consortia",
                Map.of("consortiumId", String.valueOf(community), "role", "MEMBER")).statusCode()).isEqualTo(302);
        assertThat(organisations.consortiaOf(id)).extracting(m -> m.consortium().id()).containsExactly(community);
        assertThat(admin.post("/registry/organisations/" + id + "/consortia",
                Map.of("consortiumId", String.valueOf(community), "role", "LEAD")).statusCode()).isEqualTo(302);
        assertThat(organisations.consortiaOf(id)).extracting(ConsortiumMembership::role)
                .as("the 医共体 keeps its one lead").containsExactly(ConsortiumRole.MEMBER);
        admin.post("/registry/organisations/" + id + "/consortia/" + community + "/leave", Map.of());
        assertThat(organisations.consortiaOf(id)).isEmpty();
        assertThat(jdbc.sql("""
                        select count(*) from platform.audit_event where object_type = 'Organisation' and object_id = :id
                        """).param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void fd01AndFd02AdminStaffsACentreAndFormsATeamOnlyWhenItIsComplete() {
        WebSession admin = signedIn("admin");
        long centre = createCentre(admin, "T-SQ2", "519921052");
        long doctor = registerPractitioner(admin, centre, "PHYSICIAN", "主治医师", "152992120150001");
        long nurse = registerPractitioner(admin, centre, "NURSE", "护师", "252992120160002");
        long publicHealth = registerPractitioner(admin, centre, "PUBLIC_HEALTH_PHYSICIAN", "主管医师", "652992120170003");

        HttpResponse<String> badLicence = admin.post("/registry/practitioners?lang=zh-CN", practitionerForm(centre,
                "PHYSICIAN", "主任护师", "15299212015"));
        assertThat(badLicence.statusCode()).isEqualTo(400);
        assertThat(badLicence.body()).contains("执业证书编码须为15位数字").contains("该职称与执业类别不符");

        admin.get("/registry/teams/new?base=" + centre);
        Map<String, String> team = new LinkedHashMap<>();
        team.put("nameZh", "测试社区家庭医生团队");
        team.put("nameEn", "Test community team");
        team.put("baseOrganisationId", String.valueOf(centre));
        team.put("lead", String.valueOf(doctor));
        team.put("nurse", "");
        team.put("publicHealth", String.valueOf(publicHealth));
        team.put("version", "0");
        HttpResponse<String> incomplete = admin.post("/registry/teams?lang=zh-CN", team);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("团队须有一名护士（FD-02）")
                .contains("value=\"" + publicHealth + "\" selected=\"selected\"");
        assertThat(careTeams.teamsAt(centre)).isEmpty();

        team.put("nurse", String.valueOf(nurse));
        HttpResponse<String> created = admin.post("/registry/teams", team);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(careTeams.teamsOf(doctor)).singleElement().satisfies(t -> {
            assertThat(t.baseOrganisationId()).isEqualTo(centre);
            assertThat(t.leadPractitionerId()).isEqualTo(doctor);
            assertThat(t.memberCount()).isEqualTo(3);
        });
        HttpResponse<String> detail = admin.get(created.headers().firstValue("Location").orElseThrow()
                .replace(admin.baseUrl(), "") + "?lang=en");
        assertThat(detail.body()).contains("Family doctor (team lead)").contains("Public-health worker")
                .containsPattern("data-testid=\"team-clinics\">\\s*<li>—</li>");
        long teamId = careTeams.teamsOf(doctor).getFirst().id();
        assertThat(admin.get("/registry/practitioners/" + doctor + "?lang=zh-CN").body())
                .contains("<a href=\"/registry/teams/" + teamId + "\">测试社区家庭医生团队</a>");
    }

    @Test
    void searchesPractitionersByNamePrefixAndMasksLicencesForNonAdministrators() {
        PractitionerSummary someone = practitioners.search("", null, 0, 200).stream()
                .filter(p -> p.licenceNumber() != null).skip(17).findFirst().orElseThrow();
        String prefix = someone.name().substring(0, 2);
        assertThat(practitioners.search(prefix, null, 0, 500)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.name()).startsWith(prefix)).contains(someone);
        assertThat(practitioners.search(someone.licenceNumber(), null, 0, 10)).containsExactly(someone);

        WebSession doctor = signedIn("doctor");
        HttpResponse<String> page = doctor.get("/registry/practitioners/" + someone.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(someone.licenceNumber())
                .contains(someone.licenceNumber().substring(0, 7) + "****");
        assertThat(signedIn("admin").get("/registry/practitioners/" + someone.id()).body()).contains(someone.licenceNumber());

        HttpResponse<String> list = doctor.get("/registry/practitioners?q=" + java.net.URLEncoder.encode(prefix,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(someone.name());
    }

    Map<String, String> practitionerForm(long organisationId, String profession, String title, String licence) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "测试" + "甲乙丙丁戊己庚辛壬癸".charAt(licence.charAt(licence.length() - 1) - '0'));
        form.put("sexCode", "2");
        form.put("profession", profession);
        form.put("title", title);
        form.put("department", "全科");
        form.put("licenceNumber", licence);
        form.put("organisationId", String.valueOf(organisationId));
        form.put("specialties", "GENERAL_PRACTICE");
        form.put("active", "true");
        form.put("version", "0");
        return form;
    }

    long registerPractitioner(WebSession admin, long organisationId, String profession, String title, String licence) {
        HttpResponse<String> response = admin.post("/registry/practitioners", practitionerForm(organisationId, profession,
                title, licence));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(practitioners.detail(id).orElseThrow().specialties()).containsExactly(Specialty.GENERAL_PRACTICE);
        return id;
    }

}
