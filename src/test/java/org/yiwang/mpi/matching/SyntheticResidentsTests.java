package org.yiwang.mpi.matching;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticResidentsTests {

    @Test
    void theSameSeedGivesTheSameRegistrations() {
        assertThat(SyntheticResidents.generate(500, 0.3, 42)).isEqualTo(SyntheticResidents.generate(500, 0.3, 42));
        assertThat(SyntheticResidents.generate(500, 0.3, 42)).isNotEqualTo(SyntheticResidents.generate(500, 0.3, 43));
    }

    @Test
    void firstRegistrationsCarryValidIdNumbersAndDuplicatesFollowTheirPerson() {
        List<SyntheticResidents.Registration> registrations = SyntheticResidents.generate(2_000, 0.3, 3);
        assertThat(registrations.size()).isBetween(2_400, 3_400);
        for (int i = 0; i < registrations.size(); i++) {
            SyntheticResidents.Registration r = registrations.get(i);
            if (r.record().recordId().endsWith("-0")) {
                // ID-01, ID-03
                assertThat(IdNumbers.hasValidCheckCharacter(r.record().idNumber())).isTrue();
            } else {
                assertThat(registrations.get(i - 1).person()).isEqualTo(r.person());
            }
        }
        assertThat(registrations).anyMatch(r -> r.record().name().contains(" "))
                .anyMatch(r -> r.record().idNumber().length() == 15)
                .anyMatch(r -> r.record().phone().contains("-"));
    }
}
