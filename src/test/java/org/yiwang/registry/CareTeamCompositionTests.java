package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yiwang.registry.CareTeamComposition.Member;
import org.yiwang.registry.CareTeamComposition.Place;
import org.yiwang.registry.CareTeamComposition.Violation;

/** Family-doctor team composition, domain-rules FD-01 and FD-02. */
class CareTeamCompositionTests {

    static final Place CENTRE = new Place(10, OrganisationType.TOWNSHIP_HEALTH_CENTRE, 2L);
    static final Place CLINIC_A = new Place(11, OrganisationType.VILLAGE_CLINIC, 10L);
    static final Place CLINIC_B = new Place(12, OrganisationType.VILLAGE_CLINIC, 10L);
    static final Place OTHER_CENTRES_CLINIC = new Place(21, OrganisationType.VILLAGE_CLINIC, 20L);
    static final Map<Long, OrganisationType> AT_CENTRE = Map.of(10L, OrganisationType.TOWNSHIP_HEALTH_CENTRE);
    static final Map<Long, OrganisationType> AT_COUNTY_HOSPITAL = Map.of(2L, OrganisationType.COUNTY_HOSPITAL);

    static List<Member> standardTeam() {
        return new ArrayList<>(List.of(
                new Member(1, CareTeamRole.LEAD_DOCTOR, Profession.PHYSICIAN, AT_CENTRE),
                new Member(2, CareTeamRole.NURSE, Profession.NURSE, AT_CENTRE),
                new Member(3, CareTeamRole.PUBLIC_HEALTH, Profession.PUBLIC_HEALTH_PHYSICIAN, AT_CENTRE),
                new Member(4, CareTeamRole.VILLAGE_DOCTOR, Profession.VILLAGE_DOCTOR, Map.of(11L, OrganisationType.VILLAGE_CLINIC)),
                new Member(5, CareTeamRole.SPECIALIST, Profession.PHYSICIAN, AT_COUNTY_HOSPITAL)));
    }

    static List<String> check(Place base, List<Place> covered, List<Member> members) {
        return CareTeamComposition.check(base, covered, members).stream().map(Violation::messageKey).toList();
    }

    @Test
    void acceptsDoctorNursePublicHealthWorkerVillageDoctorAndSpecialist() {
        assertThat(CareTeamComposition.check(CENTRE, List.of(CLINIC_A, CLINIC_B), standardTeam())).isEmpty();
    }

    @Test
    void fd02AcceptsATeamWithoutTheOptionalSpecialistOrVillageDoctors() {
        assertThat(check(CENTRE, List.of(), standardTeam().subList(0, 3))).isEmpty();
    }

    @Test
    void fd01AcceptsAVillageDoctorAsTheFamilyDoctor() {
        List<Member> team = standardTeam();
        team.set(0, new Member(1, CareTeamRole.LEAD_DOCTOR, Profession.VILLAGE_DOCTOR, Map.of(12L, OrganisationType.VILLAGE_CLINIC)));
        assertThat(check(CENTRE, List.of(CLINIC_A, CLINIC_B), team)).isEmpty();
    }

    @Test
    void fd01RejectsANurseAsTheFamilyDoctorOrADoctorFromElsewhere() {
        List<Member> team = standardTeam();
        team.set(0, new Member(1, CareTeamRole.LEAD_DOCTOR, Profession.NURSE, AT_CENTRE));
        assertThat(check(CENTRE, List.of(CLINIC_A), team)).containsExactly("registry.error.team.lead.profession");
        team.set(0, new Member(1, CareTeamRole.LEAD_DOCTOR, Profession.PHYSICIAN, AT_COUNTY_HOSPITAL));
        assertThat(check(CENTRE, List.of(CLINIC_A), team)).containsExactly("registry.error.team.lead.place");
    }

    @Test
    void fd01RejectsATeamBasedAtAHospital() {
        Place hospital = new Place(2, OrganisationType.COUNTY_HOSPITAL, 1L);
        assertThat(check(hospital, List.of(), standardTeam())).contains("registry.error.team.base");
    }

    @Test
    void fd02RequiresExactlyOneFamilyDoctorAndANurseAndAPublicHealthWorker() {
        assertThat(check(CENTRE, List.of(), List.of())).containsExactlyInAnyOrder("registry.error.team.lead.missing",
                "registry.error.team.nurse.missing", "registry.error.team.publicHealth.missing");
        List<Member> twoLeads = standardTeam();
        twoLeads.add(new Member(6, CareTeamRole.LEAD_DOCTOR, Profession.PHYSICIAN, AT_CENTRE));
        assertThat(check(CENTRE, List.of(CLINIC_A), twoLeads)).containsExactly("registry.error.team.lead.many");
    }

    @Test
    void fd02RejectsMembersWhoseProfessionDoesNotFitTheirRole() {
        List<Member> team = standardTeam();
        team.set(1, new Member(2, CareTeamRole.NURSE, Profession.PHARMACIST, AT_CENTRE));
        team.set(4, new Member(5, CareTeamRole.SPECIALIST, Profession.PHYSICIAN, AT_CENTRE));
        assertThat(check(CENTRE, List.of(CLINIC_A), team))
                .containsExactly("registry.error.team.nurse.member", "registry.error.team.specialist");
    }

    @Test
    void fd02RejectsVillageDoctorsOfClinicsTheTeamDoesNotCover() {
        assertThat(check(CENTRE, List.of(CLINIC_B), standardTeam())).containsExactly("registry.error.team.villageDoctor");
    }

    @Test
    void rejectsCoveringAnotherCentresClinicAndListingAPersonTwice() {
        assertThat(check(CENTRE, List.of(CLINIC_A, OTHER_CENTRES_CLINIC), standardTeam()))
                .containsExactly("registry.error.team.coverage");
        List<Member> team = standardTeam();
        team.add(new Member(2, CareTeamRole.ASSISTANT, Profession.NURSE, AT_CENTRE));
        assertThat(check(CENTRE, List.of(CLINIC_A), team)).containsExactly("registry.error.team.duplicate");
    }
}
