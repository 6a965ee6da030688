package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yiwang.platform.security.Role;

class DemoCountyPlanTests {

    private final DemoCountyPlan plan = DemoCountyPlan.generate(DemoCounty.SEED);
    private final Map<String, NewOrganisation> byCode = plan.organisations().stream()
            .collect(Collectors.toMap(NewOrganisation::code, Function.identity()));

    @Test
    void generatesTheSameCountyEveryTime() {
        assertThat(DemoCountyPlan.generate(DemoCounty.SEED)).isEqualTo(plan);
        assertThat(DemoCountyPlan.generate(DemoCounty.SEED + 1).practitioners()).isNotEqualTo(plan.practitioners());
    }

    @Test
    void hasTheCountyLevelBodiesEightTownshipCentresAndAboutThirtyVillageClinics() {
        Map<OrganisationType, Long> counts = plan.organisations().stream()
                .collect(Collectors.groupingBy(NewOrganisation::type, Collectors.counting()));
        assertThat(counts).containsEntry(OrganisationType.HEALTH_COMMISSION, 1L)
                .containsEntry(OrganisationType.COUNTY_HOSPITAL, 1L)
                .containsEntry(OrganisationType.TCM_HOSPITAL, 1L)
                .containsEntry(OrganisationType.MCH_HOSPITAL, 1L)
                .containsEntry(OrganisationType.CDC, 1L)
                .containsEntry(OrganisationType.TOWNSHIP_HEALTH_CENTRE, 8L)
                .containsEntry(OrganisationType.TERTIARY_HOSPITAL, 1L);
        assertThat(counts.get(OrganisationType.VILLAGE_CLINIC)).isBetween(28L, 34L);
    }

    @Test
    void linksVillageClinicsToTownshipCentresAndThoseToTheCountyHospital() {
        for (NewOrganisation organisation : plan.organisations()) {
            OrganisationType expectedParent = switch (organisation.type()) {
                case VILLAGE_CLINIC -> OrganisationType.TOWNSHIP_HEALTH_CENTRE;
                case TOWNSHIP_HEALTH_CENTRE -> OrganisationType.COUNTY_HOSPITAL;
                case HEALTH_COMMISSION, TERTIARY_HOSPITAL -> null;
                default -> OrganisationType.HEALTH_COMMISSION;
            };
            NewOrganisation parent = organisation.parentCode() == null ? null : byCode.get(organisation.parentCode());
            assertThat(parent == null ? null : parent.type()).as(organisation.nameZh()).isEqualTo(expectedParent);
            if (parent != null) {
                // parents come first, so the tree can be written in one pass
                assertThat(plan.organisations().indexOf(parent)).isLessThan(plan.organisations().indexOf(organisation));
                // REC-03 segments: a child's division code extends its parent's (or equals it at county level)
                assertThat(organisation.divisionCode()).startsWith(parent.divisionCode());
            }
        }
    }

    @Test
    void usesTheFictionalCountyCodeWithTownshipAndVillageCommitteeSegments() {
        // REC-03: county 6 + township 3 + village committee 3; REC-04: village committees 101-199
        for (NewOrganisation organisation : plan.organisations()) {
            String expectedPattern = switch (organisation.type()) {
                case TOWNSHIP_HEALTH_CENTRE -> "519921(00[1-8])";
                case VILLAGE_CLINIC -> "519921(00[1-8])1\\d\\d";
                case TERTIARY_HOSPITAL -> "519900";
                default -> "519921";
            };
            assertThat(organisation.divisionCode()).matches(expectedPattern);
            assertThat(organisation.nameEn()).matches("[A-Za-z' ]+");
        }
    }

    @Test
    void givesEveryOrganisationStaffAndEveryStaffRoleOneDemoLogin() {
        Set<String> staffed = plan.practitioners().stream().map(NewPractitioner::organisationCode).collect(Collectors.toSet());
        assertThat(staffed).containsAll(byCode.keySet());
        Set<Role> loginRoles = plan.logins().stream().flatMap(l -> l.memberships().stream())
                .map(DemoCountyPlan.Membership::role).collect(Collectors.toSet());
        assertThat(loginRoles).containsExactlyInAnyOrder(Role.SYSTEM_ADMIN, Role.COMMISSION_ANALYST, Role.REGISTRAR,
                Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR, Role.ECG_READER, Role.PHARMACIST, Role.LAB_TECHNICIAN,
                Role.PUBLIC_HEALTH_WORKER);
        Set<String> practitionerKeys = plan.practitioners().stream().map(NewPractitioner::key).collect(Collectors.toSet());
        assertThat(plan.logins()).allSatisfy(login -> assertThat(practitionerKeys).contains(login.practitionerKey()));
        assertThat(plan.logins()).filteredOn(l -> l.username().equals("doctor")).singleElement()
                .satisfies(doctor -> assertThat(doctor.memberships()).hasSize(2));
        assertThat(plan.logins()).filteredOn(l -> l.username().equals("familydoctor")).singleElement()
                .satisfies(familyDoctor -> assertThat(familyDoctor.memberships())
                        .extracting(m -> byCode.get(m.organisationCode()).type())
                        .containsExactly(OrganisationType.TOWNSHIP_HEALTH_CENTRE, OrganisationType.VILLAGE_CLINIC));
    }

    @Test
    void givesPractitionersUniqueLicenceAndPerOrganisationEmployeeNumbers() {
        assertThat(plan.practitioners()).extracting(NewPractitioner::key).doesNotHaveDuplicates();
        assertThat(plan.practitioners()).extracting(NewPractitioner::licenceNumber).filteredOn(n -> n != null)
                .doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).matches("\\d{15}"));
        assertThat(plan.practitioners()).allSatisfy(p -> assertThat(
                LicenceNumbers.problem(p.licenceNumber(), p.profession(), DemoCounty.REFERENCE_DATE)).isEmpty());
        assertThat(plan.practitioners()).allSatisfy(p -> assertThat(ProfessionalTitle.fromNameZh(p.title()))
                .as(p.title()).hasValueSatisfying(title -> assertThat(title.fits(p.profession())).isTrue()));
        assertThat(plan.organisations()).allSatisfy(o -> assertThat(DivisionCodes.problem(o.divisionCode())).isEmpty());
        assertThat(plan.practitioners()).extracting(NewPractitioner::name)
                .allSatisfy(name -> assertThat(name).matches("\\p{IsHan}{2,4}"));
    }
}
