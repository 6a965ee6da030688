package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.DemoDuplicatePlan.Kind;
import org.yiwang.mpi.DemoDuplicatePlan.Pair;
import org.yiwang.mpi.matching.ChineseNames;
import org.yiwang.registry.DemoCounty;

class DemoDuplicatePlanTests {

    private static final List<DemoResidentPlan.Village> VILLAGES = List.of(
            new DemoResidentPlan.Village(11, "519921001101", "城关镇", "新华村"),
            new DemoResidentPlan.Village(12, "519921001102", "城关镇", "红星村"),
            new DemoResidentPlan.Village(21, "519921002101", "青石镇", "柳溪村"));
    private static final List<Long> INSTITUTIONS = List.of(1L, 2L, 3L);

    private final DemoResidentPlan base = DemoResidentPlan.generate(DemoCounty.SEED, VILLAGES);
    private final DemoDuplicatePlan plan = DemoDuplicatePlan.generate(DemoCounty.SEED + 1, base, INSTITUTIONS);
    private final Map<String, NewResident> byNumber = plan.residents().stream()
            .collect(Collectors.toMap(NewResident::healthRecordNumber, Function.identity()));

    private static String key(String name) {
        return ChineseNames.toneless(name).replace(" ", "");
    }

    private List<Pair> pairs(Kind kind) {
        return plan.pairs().stream().filter(p -> p.kind() == kind).toList();
    }

    private NewResident first(Pair pair) {
        return byNumber.get(pair.firstHealthRecordNumber());
    }

    private NewResident second(Pair pair) {
        return byNumber.get(pair.secondHealthRecordNumber());
    }

    @Test
    void generatesTheSameDuplicatesEveryTime() {
        assertThat(DemoDuplicatePlan.generate(DemoCounty.SEED + 1, base, INSTITUTIONS)).isEqualTo(plan);
    }

    @Test
    void makesSeveralPairsOfEveryKindWithUniqueHealthRecordNumbersAndIdNumbers() {
        assertThat(plan.pairs()).hasSize(Kind.values().length * DemoDuplicatePlan.PAIRS_PER_KIND);
        assertThat(plan.pairs().stream().map(Pair::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(Kind.values());
        assertThat(plan.residents()).hasSize(base.residents().size() + plan.pairs().size());
        assertThat(byNumber).hasSize(plan.residents().size());
        List<String> ids = plan.residents().stream().map(NewResident::idNumber).filter(Objects::nonNull).toList();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        Set<String> inPairs = new HashSet<>();
        plan.pairs().forEach(p -> {
            assertThat(inPairs.add(p.firstHealthRecordNumber())).isTrue();
            assertThat(inPairs.add(p.secondHealthRecordNumber())).isTrue();
        });
        assertThat(inPairs).doesNotContain(base.loginHealthRecordNumber());
    }

    @Test
    void registersTheSamePersonAgainAtAnotherInstitutionWithTheSameSexAndVillage() {
        for (Pair pair : plan.pairs()) {
            if (!pair.kind().isSamePerson()) {
                continue;
            }
            assertThat(INSTITUTIONS).as("%s", pair).contains(second(pair).registeredOrganisationId());
            assertThat(second(pair).sex()).isEqualTo(first(pair).sex());
            assertThat(second(pair).divisionCode()).isEqualTo(first(pair).divisionCode());
        }
    }

    @Test
    void homophonesTraditionalSpacedAndPinyinOnlyNamesShareTheToneslessPinyinButNotTheCharacters() {
        for (Kind kind : List.of(Kind.HOMOPHONE, Kind.TRADITIONAL, Kind.NAME_WITH_SPACE, Kind.PINYIN_ONLY)) {
            for (Pair pair : pairs(kind)) {
                assertThat(second(pair).name()).as("%s", pair).isNotEqualTo(first(pair).name());
                assertThat(key(second(pair).name())).as("%s %s", first(pair).name(), second(pair).name())
                        .isEqualTo(key(first(pair).name()));
                assertThat(second(pair).birthDate()).isEqualTo(first(pair).birthDate());
                assertThat(second(pair).idNumber()).isNull();
            }
        }
        assertThat(pairs(Kind.TRADITIONAL)).allSatisfy(p ->
                assertThat(ChineseNames.simplified(second(p).name())).isEqualTo(first(p).name()));
        assertThat(pairs(Kind.PINYIN_ONLY)).allSatisfy(p -> assertThat(second(p).name()).matches("[A-Z][a-z]+( [A-Z][a-z]+)+"));
        assertThat(pairs(Kind.NAME_WITH_SPACE)).allSatisfy(p -> assertThat(second(p).name()).contains(" "));
    }

    @Test
    void lookAlikeNamesDifferInOneCharacterThatTheMatchingEngineKnowsAsLookAlike() {
        for (Pair pair : pairs(Kind.LOOK_ALIKE)) {
            String a = first(pair).name();
            String b = second(pair).name();
            assertThat(b).hasSameSizeAs(a);
            int differing = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    differing++;
                    assertThat(ChineseNames.lookAlike(a.charAt(i), b.charAt(i))).as("%s/%s", a, b).isTrue();
                }
            }
            assertThat(differing).isEqualTo(1);
        }
    }

    @Test
    void legacyIdDuplicateCarriesTheFifteenDigitNumberUpgradedAndTheOriginalHasNone() {
        for (Pair pair : pairs(Kind.LEGACY_ID)) {
            NewResident second = second(pair);
            assertThat(second.idNumberAsTyped()).hasSize(15);
            // ID-05: the 15 digits upgrade to the 18-character number stored
            assertThat(IdentityDocumentNumber.parse(IdentityDocumentType.RESIDENT_ID, second.idNumberAsTyped(), null,
                    DemoCounty.REFERENCE_DATE).orElseThrow().value()).isEqualTo(second.idNumber());
            assertThat(first(pair).idNumber()).isNull();
        }
    }

    @Test
    void idTypoChangesOneSequenceDigitSoTheCheckCharacterNoLongerFits() {
        for (Pair pair : pairs(Kind.ID_TYPO)) {
            String right = first(pair).idNumber();
            String wrong = second(pair).idNumber();
            int differing = 0;
            for (int i = 0; i < 18; i++) {
                if (right.charAt(i) != wrong.charAt(i)) {
                    differing++;
                    assertThat(i).isBetween(14, 15);
                }
            }
            assertThat(differing).isEqualTo(1);
            // ID-03: the old system stored it unchecked
            assertThat(ResidentIdNumber.parse(wrong, DemoCounty.REFERENCE_DATE).isValid()).isFalse();
        }
    }

    @Test
    void swapsDayAndMonthOrChangesThePhone() {
        for (Pair pair : pairs(Kind.DAY_MONTH_SWAPPED)) {
            LocalDate a = first(pair).birthDate();
            LocalDate b = second(pair).birthDate();
            assertThat(b).isNotEqualTo(a);
            assertThat(b.getMonthValue()).isEqualTo(a.getDayOfMonth());
            assertThat(b.getDayOfMonth()).isEqualTo(a.getMonthValue());
        }
        for (Pair pair : pairs(Kind.CHANGED_PHONE)) {
            assertThat(second(pair).phone()).matches("1[3-9][0-9]{9}").isNotEqualTo(first(pair).phone());
            assertThat(second(pair).name()).isEqualTo(first(pair).name());
        }
    }

    @Test
    void twinsShareBirthDateAddressAndPhoneButAreDifferentPeopleWithTheirOwnIds() {
        for (Pair pair : pairs(Kind.TWINS)) {
            NewResident a = first(pair);
            NewResident b = second(pair);
            assertThat(b.birthDate()).isEqualTo(a.birthDate());
            assertThat(b.address()).isEqualTo(a.address());
            assertThat(b.phone()).isEqualTo(a.phone());
            assertThat(b.name()).isNotEqualTo(a.name());
            assertThat(b.idNumber()).isNotEqualTo(a.idNumber());
            assertThat(ResidentIdNumber.parse(b.idNumber(), DemoCounty.REFERENCE_DATE).isValid()).isTrue();
        }
        for (Pair pair : pairs(Kind.COMMON_NAME)) {
            NewResident a = first(pair);
            NewResident b = second(pair);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.divisionCode()).isNotEqualTo(a.divisionCode());
            assertThat(b.birthDate()).isAfter(a.birthDate()).isBeforeOrEqualTo(a.birthDate().plusDays(5));
            assertThat(ResidentIdNumber.parse(b.idNumber(), DemoCounty.REFERENCE_DATE).orElseThrow().birthDate())
                    .isEqualTo(b.birthDate());
        }
        assertThat(Arrays.stream(Kind.values()).filter(k -> !k.isSamePerson())).containsExactly(Kind.TWINS, Kind.COMMON_NAME);
    }
}
