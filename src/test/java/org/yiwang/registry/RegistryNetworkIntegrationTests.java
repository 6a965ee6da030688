package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.IntegrationTest;

/**
 * The network façade over the demo county: tree, "is A above B", referral receivers, consortia and teams. Tests that
 * change the network run in a transaction that is rolled back, so the shared demo county stays as generated.
 */
@IntegrationTest
class RegistryNetworkIntegrationTests {

    @Autowired
    Organisations organisations;

    @Autowired
    OrganisationAdministration administration;

    @Autowired
    CareTeams careTeams;

    @Autowired
    JdbcClient jdbc;

    OrganisationSummary byCode(String code) {
        return organisations.findByCode(code).orElseThrow();
    }

    @Test
    void answersWhetherOneOrganisationIsAboveAnotherFromTheTree() {
        long commission = byCode(DemoCountyPlan.COMMISSION).id();
        long hospital = byCode(DemoCountyPlan.COUNTY_HOSPITAL).id();
        long centre = byCode(DemoCountyPlan.townshipCentreCode(1)).id();
        long clinic = byCode(DemoCountyPlan.villageClinicCode(1, 0)).id();
        long otherClinic = byCode(DemoCountyPlan.villageClinicCode(2, 0)).id();
        assertThat(organisations.isAbove(commission, clinic)).isTrue();
        assertThat(organisations.isAbove(hospital, clinic)).isTrue();
        assertThat(organisations.isAbove(centre, clinic)).isTrue();
        assertThat(organisations.isAbove(clinic, centre)).isFalse();
        assertThat(organisations.isAbove(centre, otherClinic)).isFalse();
        assertThat(organisations.isAbove(clinic, clinic)).isFalse();
        assertThat(organisations.isAbove(commission, -1)).isFalse();
    }

    @Test
    void listsTheTreeWithTheCommissionFirstAndASubtreeByItsPath() {
        List<OrganisationNode> tree = organisations.tree();
        assertThat(tree).extracting(n -> n.organisation().type())
                .containsExactly(OrganisationType.HEALTH_COMMISSION, OrganisationType.TERTIARY_HOSPITAL);
        assertThat(tree.stream().mapToInt(OrganisationNode::size).sum()).isEqualTo((int) organisations.count());

        OrganisationSummary centre = byCode(DemoCountyPlan.townshipCentreCode(1));
        OrganisationNode subtree = organisations.subtree(centre.id()).orElseThrow();
        assertThat(subtree.organisation()).isEqualTo(centre);
        assertThat(subtree.children()).extracting(c -> c.organisation().code())
                .containsExactlyElementsOf(organisations.childrenOf(centre.id()).stream().map(OrganisationSummary::code).toList());
        assertThat(subtree.children()).allSatisfy(c -> {
            assertThat(c.depth()).isEqualTo(1);
            assertThat(c.practitionerCount()).isPositive();
        });
        assertThat(organisations.subtree(-1)).isEmpty();
    }

    @Test
    void findsReferralReceiversAboveOrBesideTheSenderNearestFirst() {
        long clinic = byCode(DemoCountyPlan.villageClinicCode(1, 0)).id();
        List<ReferralReceiver> ecg = organisations.receiversFor(ServiceCode.ECG_READING, clinic);
        assertThat(ecg).extracting(r -> r.organisation().code())
                .containsExactly(DemoCountyPlan.COUNTY_HOSPITAL, DemoCountyPlan.TCM_HOSPITAL);
        assertThat(ecg.getFirst().above()).isTrue();
        assertThat(ecg.getFirst().networkDistance()).isEqualTo(2);
        assertThat(ecg.get(1).above()).isFalse();

        long hospital = byCode(DemoCountyPlan.COUNTY_HOSPITAL).id();
        assertThat(organisations.receiversFor(ServiceCode.ECG_READING, hospital)).extracting(r -> r.organisation().code())
                .as("the TCM hospital beside it in the 医共体, then the city hospital of the 医联体")
                .containsExactly(DemoCountyPlan.TCM_HOSPITAL, DemoCountyPlan.CITY_HOSPITAL);
        assertThat(organisations.receiversFor(ServiceCode.GENERAL_PRACTICE, hospital))
                .as("never the sender's own subordinates").isEmpty();
        assertThat(organisations.receiversFor(ServiceCode.ECG_READING, -1)).isEmpty();
    }

    @Test
    void knowsConsortiaAndTheirMembersLeadFirst() {
        long hospital = byCode(DemoCountyPlan.COUNTY_HOSPITAL).id();
        List<ConsortiumMembership> memberships = organisations.consortiaOf(hospital);
        assertThat(memberships).extracting(m -> m.consortium().type() + " " + m.role())
                .containsExactlyInAnyOrder("MEDICAL_COMMUNITY LEAD", "MEDICAL_ALLIANCE MEMBER");
        ConsortiumSummary community = memberships.stream()
                .filter(m -> m.consortium().type() == ConsortiumType.MEDICAL_COMMUNITY).findFirst().orElseThrow().consortium();
        List<ConsortiumMembership> members = organisations.membersOf(community.id());
        assertThat(members).hasSize(community.memberCount());
        assertThat(members.getFirst().organisation().id()).isEqualTo(hospital);
        assertThat(members.getFirst().role()).isEqualTo(ConsortiumRole.LEAD);
        assertThat(members.stream().filter(m -> m.role() == ConsortiumRole.LEAD)).hasSize(1);
    }

    @Test
    void fd02FindsTheTeamServingAVillageClinicAndTheTeamOfTheFamilyDoctorLogin() {
        long clinic = byCode(DemoCountyPlan.villageClinicCode(1, 0)).id();
        long familyDoctor = jdbc.sql("select practitioner_id from platform.account where username = 'familydoctor'")
                .query(Long.class).single();
        List<CareTeamSummary> serving = careTeams.teamsServing(clinic);
        assertThat(serving).singleElement().satisfies(team -> {
            assertThat(team.leadPractitionerId()).isEqualTo(familyDoctor);
            assertThat(team.baseOrganisationId()).isEqualTo(byCode(DemoCountyPlan.townshipCentreCode(1)).id());
        });
        assertThat(careTeams.teamsOf(familyDoctor)).containsExactlyElementsOf(serving);
        CareTeamDetail detail = careTeams.detail(serving.getFirst().id()).orElseThrow();
        assertThat(detail.members().getFirst().role()).isEqualTo(CareTeamRole.LEAD_DOCTOR);
        assertThat(detail.members()).extracting(CareTeamDetail.Member::role)
                .contains(CareTeamRole.NURSE, CareTeamRole.PUBLIC_HEALTH, CareTeamRole.SPECIALIST, CareTeamRole.VILLAGE_DOCTOR);
        assertThat(detail.coveredClinics()).extracting(OrganisationSummary::id).contains(clinic);
    }

    /** A township centre with one village clinic of its own, so edits never disturb the demo county. */
    long[] newCentreWithClinic(String suffix) {
        long hospital = byCode(DemoCountyPlan.COUNTY_HOSPITAL).id();
        long centre = administration.create(new OrganisationForm("T" + suffix + "-WSY", "测试" + suffix + "卫生院",
                "Test " + suffix + " Health Centre", null, null, OrganisationType.TOWNSHIP_HEALTH_CENTRE, hospital,
                "519921" + suffix, null, null, null, 20, true, Set.of(ServiceCode.GENERAL_PRACTICE), 0));
        long clinic = administration.create(new OrganisationForm("T" + suffix + "101-WSS", "测试" + suffix + "村卫生室",
                "Test " + suffix + " Village Clinic", null, null, OrganisationType.VILLAGE_CLINIC, centre,
                "519921" + suffix + "101", null, new BigDecimal("30.1"), new BigDecimal("103.6"), null, true, Set.of(), 0));
        return new long[] {centre, clinic};
    }

    @Test
    @Transactional
    void movingACentreCarriesItsClinicsAlongAndACycleIsRefusedWithoutChange() {
        long[] created = newCentreWithClinic("901");
        long centre = created[0];
        long clinic = created[1];
        long hospital = byCode(DemoCountyPlan.COUNTY_HOSPITAL).id();
        long tcm = byCode(DemoCountyPlan.TCM_HOSPITAL).id();
        assertThat(organisations.isAbove(hospital, clinic)).isTrue();

        OrganisationForm form = OrganisationForm.of(organisations.detail(centre).orElseThrow());
        administration.update(centre, withParent(form, tcm, form.version()));
        assertThat(organisations.isAbove(tcm, clinic)).isTrue();
        assertThat(organisations.isAbove(hospital, clinic)).isFalse();
        assertThat(organisations.subtree(tcm).orElseThrow().size()).isEqualTo(3);

        administration.update(centre, withParent(form, hospital, form.version() + 1));
        assertThat(organisations.isAbove(hospital, clinic)).isTrue();
        assertThat(organisations.isAbove(tcm, clinic)).isFalse();

        OrganisationDetail before = organisations.detail(centre).orElseThrow();
        assertThatThrownBy(() -> administration.update(centre, withParent(OrganisationForm.of(before), clinic,
                before.version())))
                .isInstanceOfSatisfying(InvalidRegistryInputException.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("parentId", "registry.error.parent.cycle"));
        assertThat(organisations.detail(centre)).contains(before);
        OrganisationForm f = OrganisationForm.of(before);
        assertThatThrownBy(() -> administration.update(centre, new OrganisationForm(f.code(), f.nameZh(), f.nameEn(), null,
                null, OrganisationType.VILLAGE_CLINIC, f.parentId(), f.divisionCode(), f.address(), f.latitude(),
                f.longitude(), f.beds(), f.active(), f.services(), f.version())))
                .isInstanceOfSatisfying(InvalidRegistryInputException.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("type", "registry.error.type.hasChildren"));
        assertThat(organisations.pathToRoot(clinic)).extracting(OrganisationSummary::id).containsExactly(clinic, centre,
                hospital, byCode(DemoCountyPlan.COMMISSION).id());
    }

    @Test
    @Transactional
    void refusesAnEditBasedOnAnOlderVersion() {
        long clinic = newCentreWithClinic("902")[1];
        OrganisationForm stale = OrganisationForm.of(organisations.detail(clinic).orElseThrow());
        administration.update(clinic, withAddress(stale, "新地址1号", stale.version()));
        assertThatThrownBy(() -> administration.update(clinic, withAddress(stale, "旧表单2号", stale.version())))
                .isInstanceOfSatisfying(InvalidRegistryInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("version"));
        assertThat(organisations.detail(clinic).orElseThrow().address()).isEqualTo("新地址1号");
    }

    @Test
    @Transactional
    void refusesBadDivisionCodesCoordinatesAndParentsWithAllFieldErrorsAtOnce() {
        long commission = byCode(DemoCountyPlan.COMMISSION).id();
        long count = organisations.count();
        assertThatThrownBy(() -> administration.create(new OrganisationForm("bad code!", " ", "Bad", null, null,
                OrganisationType.VILLAGE_CLINIC, commission, "519921001", null, new BigDecimal("91"),
                new BigDecimal("103"), -1, true, Set.of(), 0)))
                .isInstanceOfSatisfying(InvalidRegistryInputException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("code", "registry.error.code.format")
                        .containsEntry("nameZh", "registry.error.required")
                        .containsEntry("divisionCode", "registry.error.division.villageLevel")
                        .containsEntry("latitude", "registry.error.coordinates.latitude")
                        .containsEntry("beds", "registry.error.beds")
                        .containsEntry("parentId", "registry.error.parent.villageClinic"));
        assertThat(organisations.count()).isEqualTo(count);
    }

    @Test
    @Transactional
    void answersTreeAndSearchLookupsFromIndexesNotTableScans() {
        // the demo county is small enough for the planner to prefer scans; forbid them to prove the indexes fit
        jdbc.sql("set local enable_seqscan = off").update();
        assertThat(plan("select id from registry.organisation where path >= '/1/3/' and path < '/1/30'"))
                .contains("organisation_path_idx");
        assertThat(plan("select organisation_id from registry.organisation_service where service = 'ECG_READING'"))
                .contains("organisation_service_service_idx");
        assertThat(plan("select consortium_id from registry.consortium_member where organisation_id = 7"))
                .contains("consortium_member_organisation_idx");
        assertThat(plan("select team_id from registry.care_team_coverage where organisation_id = 7"))
                .contains("care_team_coverage_organisation_idx");
        assertThat(plan("select team_id from registry.care_team_member where practitioner_id = 7"))
                .contains("care_team_member_practitioner_idx");
        assertThat(plan("""
                select id from registry.practitioner p
                where (p.name collate "C") >= '张' and (p.name collate "C") < '张' || chr(1114111)
                """)).contains("practitioner_name_idx");
    }

    String plan(String sql) {
        return String.join("\n", jdbc.sql("explain " + sql).query(String.class).list());
    }

    static OrganisationForm withParent(OrganisationForm f, long parentId, int version) {
        return new OrganisationForm(f.code(), f.nameZh(), f.nameEn(), f.shortNameZh(), f.shortNameEn(), f.type(), parentId,
                f.divisionCode(), f.address(), f.latitude(), f.longitude(), f.beds(), f.active(), f.services(), version);
    }

    static OrganisationForm withAddress(OrganisationForm f, String address, int version) {
        return new OrganisationForm(f.code(), f.nameZh(), f.nameEn(), f.shortNameZh(), f.shortNameEn(), f.type(),
                f.parentId(), f.divisionCode(), address, f.latitude(), f.longitude(), f.beds(), f.active(), f.services(), version);
    }
}
