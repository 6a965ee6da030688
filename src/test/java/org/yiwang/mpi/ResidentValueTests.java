package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Phone numbers, names, ethnicity codes and health-record numbers. */
class ResidentValueTests {

    @Test
    void normalisesMobileNumbersWithSeparatorsAndCountryCode() {
        assertThat(((PhoneNumber.Valid) PhoneNumber.parse("+86 138-1234-5678")).phone())
                .isEqualTo(new PhoneNumber("13812345678", PhoneNumber.Kind.MOBILE));
        assertThat(((PhoneNumber.Valid) PhoneNumber.parse("0086 13812345678")).phone().value()).isEqualTo("13812345678");
        assertThat(((PhoneNumber.Valid) PhoneNumber.parse("0839-1234567")).phone().kind())
                .isEqualTo(PhoneNumber.Kind.LANDLINE);
    }

    @Test
    void saysPreciselyWhatIsWrongWithAPhoneNumber() {
        assertThat(phoneError("1381234567")).isEqualTo(new PhoneNumber.Error(PhoneNumber.Error.Code.MOBILE_LENGTH,
                java.util.List.of("10")));
        assertThat(phoneError("12812345678").code()).isEqualTo(PhoneNumber.Error.Code.MOBILE_PREFIX);
        assertThat(phoneError("12812345678").parameters()).containsExactly("12");
        assertThat(phoneError("1381234567a").parameters()).containsExactly("11", "a");
        assertThat(phoneError("083912").code()).isEqualTo(PhoneNumber.Error.Code.LANDLINE_LENGTH);
        assertThat(phoneError("").code()).isEqualTo(PhoneNumber.Error.Code.EMPTY);
    }

    private static PhoneNumber.Error phoneError(String input) {
        return ((PhoneNumber.Invalid) PhoneNumber.parse(input)).error();
    }

    @Test
    void normalisesNamesAndRejectsDigits() {
        assertThat(((ResidentName.Valid) ResidentName.parse(" 张 伟 ")).name().value()).isEqualTo("张伟");
        assertThat(((ResidentName.Valid) ResidentName.parse("阿依古丽·买买提")).name().value()).isEqualTo("阿依古丽·买买提");
        assertThat(((ResidentName.Valid) ResidentName.parse("John  O'Brien")).name().value()).isEqualTo("John O'Brien");
        ResidentName.Error error = ((ResidentName.Invalid) ResidentName.parse("张伟2")).error();
        assertThat(error.code()).isEqualTo(ResidentName.Error.Code.CHARACTER);
        assertThat(error.parameters()).containsExactly("3", "2");
        assertThat(((ResidentName.Invalid) ResidentName.parse("")).error().code()).isEqualTo(ResidentName.Error.Code.EMPTY);
    }

    @Test
    void listsAllFiftySixEthnicGroupsOfGb3304WithUniqueCodesPlusOtherAndForeignOrigin() {
        Set<String> codes = Arrays.stream(Ethnicity.values()).map(Ethnicity::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(58);
        for (int i = 1; i <= 56; i++) {
            assertThat(codes).contains("%02d".formatted(i));
        }
        assertThat(codes).contains("97", "98");
        assertThat(Ethnicity.fromCode("01")).contains(Ethnicity.HAN);
        assertThat(Ethnicity.fromCode("15").orElseThrow().displayName(Locale.SIMPLIFIED_CHINESE)).isEqualTo("土家族");
        assertThat(Ethnicity.fromCode("07").orElseThrow().displayName(Locale.ENGLISH)).isEqualTo("Yi");
        assertThat(Ethnicity.fromCode("57")).isEmpty();
    }

    @Test
    void composesTheSeventeenDigitHealthRecordNumberOfRec03() {
        HealthRecordNumber number = HealthRecordNumber.of("519921001101", 42);
        assertThat(number.value()).isEqualTo("51992100110100042").hasSize(17);
        assertThat(number.divisionCode()).isEqualTo("519921001101");
        assertThat(number.countyCode()).isEqualTo("519921");
        assertThat(number.serial()).isEqualTo(42);
        assertThat(HealthRecordNumber.of("519921001101", HealthRecordNumber.MAX_SERIAL).value()).endsWith("99999");
    }

    @Test
    void refusesSerialsOutsideFiveDigitsAndDivisionsOtherThanVillages() {
        assertThatThrownBy(() -> HealthRecordNumber.of("519921001101", 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100000");
        assertThatThrownBy(() -> HealthRecordNumber.of("519921001101", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthRecordNumber.of("519921001", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthRecordNumber("51992100110100000")).isInstanceOf(IllegalArgumentException.class);
    }
}
