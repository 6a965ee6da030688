package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.IdNumberError.Code;

class ResidentIdNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    private static IdNumberError errorOf(String input) {
        ResidentIdNumber.Result result = ResidentIdNumber.parse(input, TODAY);
        assertThat(result).isInstanceOf(ResidentIdNumber.Invalid.class);
        return ((ResidentIdNumber.Invalid) result).error();
    }

    private static ResidentIdNumber valid(String input) {
        ResidentIdNumber.Result result = ResidentIdNumber.parse(input, TODAY);
        assertThat(result.isValid()).as("%s should be valid but was %s", input, result).isTrue();
        return result.orElseThrow();
    }

    @Test
    void acceptsTheValidTestVectorsOfId04() {
        assertThat(valid("11010519491231002X").value()).isEqualTo("11010519491231002X");
        assertThat(valid("321083197812162119").value()).isEqualTo("321083197812162119");
    }

    @Test
    void rejectsTheId04VectorWhoseCheckCharacterShouldBeX() {
        IdNumberError error = errorOf("110105194912310029");
        assertThat(error.code()).isEqualTo(Code.CHECK_DIGIT_MISMATCH);
        assertThat(error.parameters()).containsExactly("X", "9");
        assertThat(error.messageKey()).isEqualTo("mpi.idNumber.error.CHECK_DIGIT_MISMATCH");
    }

    @Test
    void computesTheMod112CheckCharacterOfId03() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("32108319781216211")).isEqualTo('9');
    }

    @Test
    void acceptsLowerCaseXAndNormalisesItToUpperCase() {
        // ID-03
        ResidentIdNumber number = valid(" 11010519491231002x ");
        assertThat(number.value()).isEqualTo("11010519491231002X");
        assertThat(number).isEqualTo(valid("11010519491231002X"));
    }

    @Test
    void derivesBirthDateAndSexFromTheNumber() {
        // ID-01 birth date in digits 7-14, ID-02 digit 17 odd = male, even = female
        ResidentIdNumber female = valid("11010519491231002X");
        assertThat(female.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(female.sex()).isEqualTo(Sex.FEMALE);
        assertThat(female.addressCode()).isEqualTo("110105");
        ResidentIdNumber male = valid("321083197812162119");
        assertThat(male.birthDate()).isEqualTo(LocalDate.of(1978, 12, 16));
        assertThat(male.sex()).isEqualTo(Sex.MALE);
        assertThat(male.kind()).isEqualTo(ResidentIdNumber.Kind.CITIZEN);
        assertThat(male.ageOn(TODAY)).isEqualTo(47);
    }

    @Test
    void upgradesTheLegacy15DigitNumberOfId05() {
        ResidentIdNumber number = valid("150102880730303");
        assertThat(number.value()).isEqualTo("150102198807303035");
        assertThat(number.upgradedFromLegacy()).isTrue();
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1988, 7, 30));
        assertThat(number.sex()).isEqualTo(Sex.MALE);
        assertThat(valid("150102198807303035").upgradedFromLegacy()).isFalse();
    }

    @Test
    void acceptsTheNewForeignPermanentResidenceIdSamplesOfId11() {
        ResidentIdNumber saudi = valid("932682198501010017");
        assertThat(saudi.kind()).isEqualTo(ResidentIdNumber.Kind.FOREIGN_PERMANENT_RESIDENT);
        assertThat(saudi.birthDate()).isEqualTo(LocalDate.of(1985, 1, 1));
        assertThat(saudi.sex()).isEqualTo(Sex.MALE);
        ResidentIdNumber canadian = valid("911124198108030024");
        assertThat(canadian.kind()).isEqualTo(ResidentIdNumber.Kind.FOREIGN_PERMANENT_RESIDENT);
        assertThat(canadian.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void rejectsAForeignPermanentResidenceIdWithAnImplausibleProvince() {
        String first17 = "999682198501010" + "01";
        IdNumberError error = errorOf(first17 + ResidentIdNumber.checkCharacter(first17));
        assertThat(error.code()).isEqualTo(Code.PROVINCE_PREFIX);
        assertThat(error.parameters()).containsExactly("999");
    }

    @Test
    void recognisesHongKongMacauAndTaiwanResidencePermitNumbersOfId10() {
        for (String addressCode : new String[] {"810000", "820000", "830000"}) {
            String first17 = addressCode + "19900515" + "123";
            ResidentIdNumber number = valid(first17 + ResidentIdNumber.checkCharacter(first17));
            assertThat(number.kind()).isEqualTo(ResidentIdNumber.Kind.HK_MO_TW_RESIDENCE_PERMIT);
            assertThat(number.sex()).isEqualTo(Sex.MALE);
        }
    }

    @Test
    void rejectsAnEmptyInput() {
        assertThat(errorOf("  ").code()).isEqualTo(Code.EMPTY);
        assertThat(errorOf(null).code()).isEqualTo(Code.EMPTY);
    }

    @Test
    void rejectsAWrongLengthNamingTheLengthFound() {
        // ID-01: 18 characters (or the 15 of ID-05)
        IdNumberError error = errorOf("1101051949123100");
        assertThat(error.code()).isEqualTo(Code.LENGTH);
        assertThat(error.parameters()).containsExactly("16");
    }

    @Test
    void rejectsALetterOtherThanAFinalXNamingItsPosition() {
        IdNumberError error = errorOf("1101051949A231002X");
        assertThat(error.code()).isEqualTo(Code.CHARSET);
        assertThat(error.parameters()).containsExactly("11", "A");
        assertThat(errorOf("11010519491231002Y").parameters()).containsExactly("18", "Y");
        assertThat(errorOf("15010288073030X").code()).isEqualTo(Code.CHARSET);
    }

    @Test
    void rejectsAnImplausibleProvincePrefix() {
        // ID-06: only the province is checked; 00 and 99 are no province
        String first17 = "00010519491231002";
        IdNumberError error = errorOf(first17 + ResidentIdNumber.checkCharacter(first17));
        assertThat(error.code()).isEqualTo(Code.PROVINCE_PREFIX);
        String unknownCounty = "51992119900101001";
        assertThat(valid(unknownCounty + ResidentIdNumber.checkCharacter(unknownCounty)).addressCode()).isEqualTo("519921");
    }

    @Test
    void rejectsABirthDateThatDoesNotExist() {
        // ID-06: the date must be real
        String first17 = "11010519900230001";
        IdNumberError error = errorOf(first17 + ResidentIdNumber.checkCharacter(first17));
        assertThat(error.code()).isEqualTo(Code.IMPOSSIBLE_BIRTH_DATE);
        assertThat(error.parameters()).containsExactly("1990-02-30");
        assertThat(errorOf("110105901301303").code()).isEqualTo(Code.IMPOSSIBLE_BIRTH_DATE);
    }

    @Test
    void rejectsABirthDateInTheFuture() {
        // ID-06: not in the future
        String first17 = "11010520260102001";
        IdNumberError error = errorOf(first17 + ResidentIdNumber.checkCharacter(first17));
        assertThat(error.code()).isEqualTo(Code.FUTURE_BIRTH_DATE);
        assertThat(error.parameters()).containsExactly("2026-01-02");
        String bornToday = "11010520260101001";
        assertThat(ResidentIdNumber.parse(bornToday + ResidentIdNumber.checkCharacter(bornToday), TODAY).isValid()).isTrue();
    }

    @Test
    void composesValidNumbersWhoseSequenceParityGivesTheSex() {
        ResidentIdNumber male = ResidentIdNumber.compose("519921", LocalDate.of(2010, 6, 1), 37);
        assertThat(male.value()).startsWith("51992120100601037").hasSize(18);
        assertThat(male.sex()).isEqualTo(Sex.MALE);
        assertThat(ResidentIdNumber.compose("519921", LocalDate.of(2010, 6, 1), 38).sex()).isEqualTo(Sex.FEMALE);
        assertThatThrownBy(() -> ResidentIdNumber.compose("51992", LocalDate.of(2010, 6, 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofThrowsWithTheReasonAndWithoutTheNumberInTheMessage() {
        assertThatThrownBy(() -> ResidentIdNumber.of("110105194912310029"))
                .isInstanceOfSatisfying(InvalidResidentIdNumberException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(Code.CHECK_DIGIT_MISMATCH);
                    assertThat(e.getMessage()).doesNotContain("110105194912310029");
                });
    }

    @Test
    void showsOnlyAMaskedFormWhenPrinted() {
        assertThat(valid("321083197812162119")).hasToString("3210**********2119");
    }
}
