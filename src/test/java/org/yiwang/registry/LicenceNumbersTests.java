package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LicenceNumbersTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void acceptsFifteenDigitsWithDivisionAndYearOfFirstRegistration() {
        assertThat(LicenceNumbers.problem("151992120120042", Profession.PHYSICIAN, TODAY)).isEmpty();
        assertThat(LicenceNumbers.problem("211010519950001", Profession.NURSE, TODAY)).isEmpty();
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThat(LicenceNumbers.problem("15199212012004", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.format");
        assertThat(LicenceNumbers.problem("051992120120042", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.format");
        assertThat(LicenceNumbers.problem("1519921201200X2", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.format");
        assertThat(LicenceNumbers.problem("199992120120042", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.division");
    }

    @Test
    void rejectsRegistrationYearsBefore1950OrInTheFuture() {
        assertThat(LicenceNumbers.problem("151992119490042", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.year");
        assertThat(LicenceNumbers.problem("151992120270042", Profession.PHYSICIAN, TODAY)).hasValue("registry.error.licence.year");
        assertThat(LicenceNumbers.problem("151992120260042", Profession.PHYSICIAN, TODAY)).isEmpty();
    }

    @Test
    void requiresANumberOfClinicalStaffAndNoneOfAdministrativeStaff() {
        assertThat(LicenceNumbers.problem(" ", Profession.VILLAGE_DOCTOR, TODAY)).hasValue("registry.error.licence.required");
        assertThat(LicenceNumbers.problem(null, Profession.PHARMACIST, TODAY)).hasValue("registry.error.licence.required");
        assertThat(LicenceNumbers.problem(null, Profession.ADMINISTRATIVE_STAFF, TODAY)).isEmpty();
        assertThat(LicenceNumbers.problem("151992120120042", Profession.ADMINISTRATIVE_STAFF, TODAY))
                .hasValue("registry.error.licence.notExpected");
    }
}
