package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoNetworkPlanTests {

    private final DemoCountyPlan county = DemoCountyPlan.generate(DemoCounty.SEED);
    private final DemoNetworkPlan network = DemoNetworkPlan.of(county);
    private final Map<String, NewOrganisation> organisations = county.organisations().stream()
            .collect(Collectors.toMap(NewOrganisation::code, Function.identity()));
    private final Map<String, NewPractitioner> practitioners = county.practitioners().stream()
            .collect(Collectors.toMap(NewPractitioner::key, Function.identity()));

    @Test
    void isDeterministic() {
        assertThat(DemoNetworkPlan.of(DemoCountyPlan.generate(DemoCounty.SEED))).isEqualTo(network);
    }

    @Test
    void hasOneConsortiumOfEachKindEachWithOneLead() {
        assertThat(network.consortia()).extracting(DemoNetworkPlan.Consortium::type)
                .containsExactlyInAnyOrder(ConsortiumType.values());
        assertThat(network.consortia()).allSatisfy(c -> assertThat(c.members().values())
                .filteredOn(r -> r == ConsortiumRole.LEAD).hasSize(1));
        DemoNetworkPlan.Consortium community = network.consortia().stream()
                .filter(c -> c.type() == ConsortiumType.MEDICAL_COMMUNITY).findFirst().orElseThrow();
        assertThat(community.members()).containsEntry(DemoCountyPlan.COUNTY_HOSPITAL, ConsortiumRole.LEAD);
        assertThat(county.organisations()).filteredOn(o -> o.type() == OrganisationType.TOWNSHIP_HEALTH_CENTRE
                        || o.type() == OrganisationType.VILLAGE_CLINIC)
                .allSatisfy(o -> assertThat(community.members()).containsKey(o.code()));
        DemoNetworkPlan.Consortium group = network.consortia().stream()
                .filter(c -> c.type() == ConsortiumType.HOSPITAL_GROUP).findFirst().orElseThrow();
        assertThat(group.members().values()).containsOnly(ConsortiumRole.LEAD, ConsortiumRole.BRANCH)
                .filteredOn(r -> r == ConsortiumRole.BRANCH).hasSize(2);
    }

    @Test
    void fd01AndFd02GivesEveryTownshipCentreAWellComposedTeamCoveringAllItsClinics() {
        assertThat(network.teams()).hasSize(8);
        for (DemoNetworkPlan.Team team : network.teams()) {
            NewOrganisation base = organisations.get(team.baseCode());
            Map<String, Long> ids = new HashMap<>();
            county.organisations().forEach(o -> ids.put(o.code(), (long) ids.size() + 1));
            List<CareTeamComposition.Place> covered = team.coveredCodes().stream()
                    .map(code -> new CareTeamComposition.Place(ids.get(code), OrganisationType.VILLAGE_CLINIC,
                            ids.get(organisations.get(code).parentCode())))
                    .toList();
            assertThat(covered).hasSize((int) county.organisations().stream()
                    .filter(o -> team.baseCode().equals(o.parentCode())).count());
            List<CareTeamComposition.Member> members = team.members().entrySet().stream().map(e -> {
                NewPractitioner p = practitioners.get(e.getKey());
                Map<Long, OrganisationType> at = new HashMap<>();
                at.put(ids.get(p.organisationCode()), organisations.get(p.organisationCode()).type());
                network.sites().stream().filter(s -> s.practitionerKey().equals(e.getKey()))
                        .forEach(s -> at.put(ids.get(s.organisationCode()), organisations.get(s.organisationCode()).type()));
                return new CareTeamComposition.Member(ids.size() + (long) e.getKey().hashCode(), e.getValue(), p.profession(), at);
            }).toList();
            assertThat(CareTeamComposition.check(new CareTeamComposition.Place(ids.get(base.code()), base.type(),
                    ids.get(base.parentCode())), covered, members)).as(team.nameZh()).isEmpty();
        }
    }

    @Test
    void makesTheFamilyDoctorLoginLeadOfTheQingshiTeam() {
        String familyDoctor = county.logins().stream().filter(l -> l.username().equals("familydoctor")).findFirst()
                .orElseThrow().practitionerKey();
        assertThat(network.teams()).filteredOn(t -> t.baseCode().equals(DemoCountyPlan.townshipCentreCode(1)))
                .singleElement()
                .satisfies(t -> assertThat(t.members()).containsEntry(familyDoctor, CareTeamRole.LEAD_DOCTOR));
    }

    @Test
    void letsTheCountyHospitalReadEcgsAndRunTheChestPainCentre() {
        assertThat(network.services().get(DemoCountyPlan.COUNTY_HOSPITAL)).contains(ServiceCode.ECG_READING,
                ServiceCode.CHEST_PAIN_CENTRE, ServiceCode.HAEMODIALYSIS, ServiceCode.INTERNET_HOSPITAL);
        assertThat(network.services().keySet()).containsAll(organisations.keySet().stream()
                .filter(code -> !code.equals(DemoCountyPlan.COMMISSION)).toList());
    }
}
