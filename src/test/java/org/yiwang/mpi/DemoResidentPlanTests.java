package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yiwang.registry.DemoCounty;

class DemoResidentPlanTests {

    private static final List<DemoResidentPlan.Village> VILLAGES = List.of(
            new DemoResidentPlan.Village(11, "519921001101", "城关镇", "新华村"),
            new DemoResidentPlan.Village(12, "519921001102", "城关镇", "红星村"),
            new DemoResidentPlan.Village(21, "519921002101", "青石镇", "柳溪村"));

    private final DemoResidentPlan plan = DemoResidentPlan.generate(DemoCounty.SEED, VILLAGES);
    private final Map<String, NewResident> byRecordNumber = plan.residents().stream()
            .collect(Collectors.toMap(NewResident::healthRecordNumber, Function.identity()));

    @Test
    void generatesTheSameResidentsEveryTime() {
        assertThat(DemoResidentPlan.generate(DemoCounty.SEED, VILLAGES)).isEqualTo(plan);
    }

    @Test
    void generatesAboutFiveThousandResidents() {
        assertThat(plan.residents()).hasSizeBetween(5000, 5010);
    }

    @Test
    void givesEveryResidentAValidIdNumberMatchingBirthDateAndSex() {
        // ID-01..ID-03
        for (NewResident resident : plan.residents()) {
            ResidentIdNumber number = ResidentIdNumber.parse(resident.idNumber(), DemoCounty.REFERENCE_DATE).orElseThrow();
            assertThat(number.birthDate()).isEqualTo(resident.birthDate());
            assertThat(number.sex()).isEqualTo(resident.sex());
        }
        assertThat(plan.residents()).extracting(NewResident::idNumber).doesNotHaveDuplicates();
    }

    @Test
    void registersMostResidentsInTheCountyAndSomeMigrantsFromOtherProvinces() {
        long local = plan.residents().stream().filter(r -> r.idNumber().startsWith(DemoCounty.DIVISION_CODE)).count();
        assertThat(local).isBetween(4000L, 4900L);
        assertThat(plan.residents().stream().map(r -> r.idNumber().substring(0, 2)).distinct().count()).isGreaterThan(5);
    }

    @Test
    void numbersHealthRecordsByVillageInCreationOrder() {
        // REC-03: village division code (6 + 3 + 3) + 5-digit serial
        assertThat(plan.residents()).allSatisfy(r -> assertThat(r.healthRecordNumber())
                .matches("\\d{17}").startsWith(r.divisionCode()));
        for (DemoResidentPlan.Village village : VILLAGES) {
            List<String> serials = plan.residents().stream().filter(r -> r.divisionCode().equals(village.divisionCode()))
                    .map(r -> r.healthRecordNumber().substring(12)).toList();
            assertThat(serials.getFirst()).isEqualTo("00001");
            assertThat(serials.getLast()).isEqualTo("%05d".formatted(serials.size()));
        }
    }

    @Test
    void coversChildrenToTheElderly() {
        Map<String, Long> bands = plan.residents().stream().collect(Collectors.groupingBy(r -> {
            int age = r.birthDate().until(DemoCounty.REFERENCE_DATE).getYears();
            return age < 16 ? "child" : age < 60 ? "adult" : "elderly";
        }, Collectors.counting()));
        assertThat(bands.get("child")).isGreaterThan(300);
        assertThat(bands.get("adult")).isGreaterThan(2000);
        assertThat(bands.get("elderly")).isGreaterThan(700);
    }

    @Test
    void linksChildrenUnder16WithoutPhoneToAnAdultGuardianOfTheSameHousehold() {
        List<NewResident> children = plan.residents().stream()
                .filter(r -> r.birthDate().until(DemoCounty.REFERENCE_DATE).getYears() < 16).toList();
        assertThat(children).isNotEmpty().allSatisfy(child -> {
            assertThat(child.phone()).isNull();
            NewResident guardian = byRecordNumber.get(child.guardianHealthRecordNumber());
            assertThat(guardian).isNotNull();
            assertThat(guardian.address()).isEqualTo(child.address());
            assertThat(guardian.birthDate().until(DemoCounty.REFERENCE_DATE).getYears()).isGreaterThanOrEqualTo(18);
        });
    }

    @Test
    void givesAdultsChineseMobileNumbers() {
        assertThat(plan.residents()).filteredOn(r -> r.phone() != null)
                .allSatisfy(r -> assertThat(r.phone()).matches("1[3-9]\\d{9}"));
        assertThat(plan.residents()).filteredOn(r -> {
            int age = r.birthDate().until(DemoCounty.REFERENCE_DATE).getYears();
            return age >= 16 && age < 75;
        }).isNotEmpty().allSatisfy(r -> assertThat(r.phone()).isNotNull());
    }

    @Test
    void picksAnAdultWithAPhoneForTheDemoResidentLogin() {
        NewResident login = byRecordNumber.get(plan.loginHealthRecordNumber());
        assertThat(login.phone()).isNotNull();
        assertThat(login.guardianHealthRecordNumber()).isNull();
    }
}
