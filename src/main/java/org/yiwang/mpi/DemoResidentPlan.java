package org.yiwang.mpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.yiwang.registry.ChineseNames;
import org.yiwang.registry.DemoCounty;

/**
 * About 5,000 residents of 清水县 in households spread over the villages, generated without touching the database
 * or the clock: the same seed and villages give the same residents.
 *
 * @param loginHealthRecordNumber the adult who gets the demo resident login
 */
record DemoResidentPlan(List<NewResident> residents, String loginHealthRecordNumber) {

    static final int TARGET_RESIDENTS = 5000;

    /** A village of the county, where residents are registered by its clinic. */
    record Village(long clinicId, String divisionCode, String townshipName, String villageName) {
    }

    /** Real-looking county codes of other provinces, for migrants and people who married into the county. */
    private static final List<String> OTHER_ADDRESS_CODES = List.of(
            "510104", "500101", "420106", "430102", "360102", "410105", "530102", "520102", "610113", "440106",
            "321083", "130102");
    /** GB 3304: 03 回族, 04 藏族, 07 彝族, 15 土家族. */
    private static final List<String> MINORITY_ETHNICITIES = List.of("07", "07", "04", "03", "15");
    private static final List<String> MOBILE_PREFIXES = List.of(
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "155", "157",
            "158", "159", "166", "173", "177", "180", "181", "182", "183", "186", "187", "188", "189", "198", "199");
    private static final int ADULT_AGE = 16;

    static DemoResidentPlan generate(long seed, List<Village> villages) {
        if (villages.isEmpty()) {
            throw new IllegalArgumentException("no villages to settle residents in");
        }
        return new Generator(new Random(seed), villages).generate();
    }

    private static final class Generator {

        private final Random random;
        private final List<Village> villages;
        private final List<NewResident> residents = new ArrayList<>();
        private final Map<String, Integer> serials = new HashMap<>();
        private final Map<String, Integer> houses = new HashMap<>();
        private final Set<String> idNumbers = new HashSet<>();
        private final LocalDate today = DemoCounty.REFERENCE_DATE;

        Generator(Random random, List<Village> villages) {
            this.random = random;
            this.villages = villages;
        }

        DemoResidentPlan generate() {
            while (residents.size() < TARGET_RESIDENTS) {
                household(villages.get(random.nextInt(villages.size())));
            }
            return new DemoResidentPlan(List.copyOf(residents), loginCandidate());
        }

        /** One household: shared address, ethnicity and household-registration place; children take the father's surname. */
        private void household(Village village) {
            Household home = new Household(village, address(village), ethnicity(),
                    random.nextInt(100) < 8 ? pick(OTHER_ADDRESS_CODES) : DemoCounty.DIVISION_CODE);
            double kind = random.nextDouble();
            String surname = ChineseNames.surname(random);
            if (kind < 0.12) {
                home.person(surname, random.nextBoolean(), age(65, 92), null);
            } else if (kind < 0.28) {
                couple(home, surname, age(60, 88));
            } else if (kind < 0.38) {
                couple(home, surname, age(22, 35));
            } else if (kind < 0.75) {
                int fatherAge = age(26, 52);
                NewResident mother = couple(home, surname, fatherAge);
                children(home, surname, mother, fatherAge, 1 + random.nextInt(3));
            } else {
                int fatherAge = age(27, 45);
                int grandfatherAge = fatherAge + age(22, 32);
                if (random.nextInt(3) > 0) {
                    couple(home, surname, grandfatherAge);
                } else {
                    home.person(random.nextBoolean() ? surname : ChineseNames.surname(random), random.nextBoolean(),
                            grandfatherAge, null);
                }
                NewResident mother = couple(home, surname, fatherAge);
                children(home, surname, mother, fatherAge, 1 + random.nextInt(2));
            }
        }

        /** A husband and wife of about his age; returns the wife. */
        private NewResident couple(Household home, String surname, int husbandAge) {
            home.person(surname, true, husbandAge, null);
            int wifeAge = Math.max(20, husbandAge - 5 + random.nextInt(8));
            // some wives married in from elsewhere and keep their own household-registration place
            String wifeAddress = random.nextInt(100) < 10 ? pick(OTHER_ADDRESS_CODES) : home.addressCode;
            return home.person(ChineseNames.surname(random), false, wifeAge, wifeAddress);
        }

        private void children(Household home, String surname, NewResident mother, int fatherAge, int count) {
            int motherAge = mother.birthDate().until(today).getYears();
            int oldest = Math.max(0, Math.min(motherAge, fatherAge) - 21);
            for (int i = 0; i < count; i++) {
                int childAge = random.nextInt(oldest + 1);
                NewResident guardian = childAge < ADULT_AGE ? mother : null;
                home.child(surname, random.nextBoolean(), childAge, guardian);
            }
        }

        private int age(int from, int to) {
            return from + random.nextInt(to - from + 1);
        }

        private String ethnicity() {
            return random.nextInt(100) < 5 ? pick(MINORITY_ETHNICITIES) : "01";
        }

        private String address(Village village) {
            int house = houses.merge(village.divisionCode(), 1, Integer::sum);
            return DemoCounty.NAME_ZH + village.townshipName() + village.villageName() + (1 + (house - 1) / 25) + "组"
                    + house + "号";
        }

        private String phone() {
            return pick(MOBILE_PREFIXES) + "%08d".formatted(random.nextInt(100_000_000));
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** ID-01/ID-02: a fresh valid number with the sex in digit 17. */
        private String idNumber(String addressCode, LocalDate birthDate, boolean male) {
            while (true) {
                int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
                ResidentIdNumber number = ResidentIdNumber.compose(addressCode, birthDate, sequence);
                if (idNumbers.add(number.value())) {
                    return number.value();
                }
            }
        }

        /** REC-03: county + township + village (the village's 12-digit division code) + serial in creation order. */
        private String healthRecordNumber(Village village) {
            int serial = serials.merge(village.divisionCode(), 1, Integer::sum);
            return village.divisionCode() + "%05d".formatted(serial);
        }

        private String loginCandidate() {
            return residents.stream()
                    .filter(r -> r.phone() != null && r.guardianHealthRecordNumber() == null)
                    .filter(r -> {
                        int age = r.birthDate().until(today).getYears();
                        return age >= 30 && age <= 60;
                    })
                    .findFirst()
                    .orElseThrow()
                    .healthRecordNumber();
        }

        private final class Household {

            private final Village village;
            private final String address;
            private final String ethnicity;
            private final String addressCode;

            Household(Village village, String address, String ethnicity, String addressCode) {
                this.village = village;
                this.address = address;
                this.ethnicity = ethnicity;
                this.addressCode = addressCode;
            }

            NewResident person(String surname, boolean male, int age, String ownAddressCode) {
                return add(surname, male, age, ownAddressCode == null ? addressCode : ownAddressCode, null);
            }

            NewResident child(String surname, boolean male, int age, NewResident guardian) {
                return add(surname, male, age, addressCode, guardian);
            }

            private NewResident add(String surname, boolean male, int age, String idAddressCode, NewResident guardian) {
                // age at the reference date is exactly `age`
                LocalDate birthDate = today.minusYears(age).minusDays(1 + random.nextInt(364));
                String phone = age < ADULT_AGE || (age >= 75 && random.nextInt(100) < 40) ? null : phone();
                NewResident resident = new NewResident(healthRecordNumber(village),
                        surname + ChineseNames.givenName(random, male), male ? Sex.MALE : Sex.FEMALE, birthDate,
                        ethnicity, idNumber(idAddressCode, birthDate, male), phone, village.divisionCode(), address,
                        guardian == null ? null : guardian.healthRecordNumber(), village.clinicId());
                residents.add(resident);
                return resident;
            }
        }
    }
}
