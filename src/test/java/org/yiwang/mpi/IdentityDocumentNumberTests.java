package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.DocumentError.Code;
import org.yiwang.mpi.IdentityDocumentType;

class IdentityDocumentNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    private static IdentityDocumentNumber valid(IdentityDocumentType type, String input, String country) {
        IdentityDocumentNumber.Result result = IdentityDocumentNumber.parse(type, input, country, TODAY);
        assertThat(result.isValid()).as("%s %s should be valid but was %s", type, input, result).isTrue();
        return result.orElseThrow();
    }

    private static DocumentError error(IdentityDocumentType type, String input, String country) {
        IdentityDocumentNumber.Result result = IdentityDocumentNumber.parse(type, input, country, TODAY);
        assertThat(result).as("%s %s", type, input).isInstanceOf(IdentityDocumentNumber.Invalid.class);
        DocumentError error = ((IdentityDocumentNumber.Invalid) result).error();
        assertThat(error.type()).isEqualTo(type);
        return error;
    }

    @Test
    void acceptsResidentIdTestVectorsOfId04WithBirthDateAndSex() {
        IdentityDocumentNumber number = valid(IdentityDocumentType.RESIDENT_ID, "11010519491231002x", null);
        assertThat(number.value()).isEqualTo("11010519491231002X");
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(number.sex()).isEqualTo(Sex.FEMALE);
        assertThat(number.upgradedFromLegacy()).isFalse();
        assertThat(number.originalWorthKeeping()).isNull();
    }

    @Test
    void upgradesTheLegacyFifteenDigitNumberOfId05AndKeepsTheOriginal() {
        IdentityDocumentNumber number = valid(IdentityDocumentType.RESIDENT_ID, " 150102880730303 ", null);
        assertThat(number.value()).isEqualTo("150102198807303035");
        assertThat(number.asTyped()).isEqualTo("150102880730303");
        assertThat(number.originalWorthKeeping()).isEqualTo("150102880730303");
        assertThat(number.upgradedFromLegacy()).isTrue();
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1988, 7, 30));
        assertThat(number.sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void namesExpectedAndFoundCheckCharacterOfId03() {
        DocumentError error = error(IdentityDocumentType.RESIDENT_ID, "110105194912310029", null);
        assertThat(error.code()).isEqualTo(Code.CHECK_DIGIT_MISMATCH);
        assertThat(error.parameters()).containsExactly("X", "9");
    }

    @Test
    void namesThePositionAndCharacterThatIsNotADigit() {
        DocumentError error = error(IdentityDocumentType.RESIDENT_ID, "1101051949l231002X", null);
        assertThat(error.code()).isEqualTo(Code.CHARSET);
        assertThat(error.parameters()).containsExactly("11", "l");
    }

    @Test
    void namesTheImpossibleBirthDate() {
        String first17 = "11010519900230001";
        DocumentError error = error(IdentityDocumentType.RESIDENT_ID, first17 + "0", null);
        assertThat(error.code()).isEqualTo(Code.IMPOSSIBLE_BIRTH_DATE);
        assertThat(error.parameters()).containsExactly("1990-02-30");
        DocumentError legacy = error(IdentityDocumentType.RESIDENT_ID, "110105881301303", null);
        assertThat(legacy.code()).isEqualTo(Code.IMPOSSIBLE_BIRTH_DATE);
        assertThat(legacy.parameters()).containsExactly("1988-13-01");
    }

    @Test
    void rejectsAFutureBirthDate() {
        String first17 = "11010520260102001";
        DocumentError error = error(IdentityDocumentType.RESIDENT_ID,
                first17 + ResidentIdNumber.checkCharacter(first17), null);
        assertThat(error.code()).isEqualTo(Code.FUTURE_BIRTH_DATE);
        assertThat(error.parameters()).containsExactly("2026-01-02");
    }

    @Test
    void reportsTheLengthFound() {
        assertThat(error(IdentityDocumentType.RESIDENT_ID, "1101051949", null).code())
                .isEqualTo(Code.RESIDENT_ID_LENGTH);
        assertThat(error(IdentityDocumentType.RESIDENT_ID, "1101051949", null).parameters()).containsExactly("10");
        assertThat(error(IdentityDocumentType.RESIDENT_ID, "  ", null).code()).isEqualTo(Code.EMPTY);
    }

    @Test
    void pointsAResidencePermitOrForeignerNumberEnteredAsResidentIdToItsType() {
        String permit = ResidentIdNumber.compose("810000", LocalDate.of(1990, 5, 6), 11).value();
        DocumentError asPermit = error(IdentityDocumentType.RESIDENT_ID, permit, null);
        assertThat(asPermit.code()).isEqualTo(Code.IS_RESIDENCE_PERMIT);
        assertThat(asPermit.parameters()).containsExactly("810000");
        assertThat(error(IdentityDocumentType.RESIDENT_ID, "932682198501010017", null).code())
                .isEqualTo(Code.IS_FOREIGN_PERMANENT_RESIDENT_ID);
    }

    @Test
    void acceptsHongKongMacauAndTaiwanResidencePermitsOfId10() {
        for (String prefix : List.of("810000", "820000", "830000")) {
            String number = ResidentIdNumber.compose(prefix, LocalDate.of(1985, 3, 4), 22).value();
            IdentityDocumentNumber permit = valid(IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT, number, null);
            assertThat(permit.birthDate()).isEqualTo(LocalDate.of(1985, 3, 4));
            assertThat(permit.sex()).isEqualTo(Sex.FEMALE);
        }
    }

    @Test
    void rejectsAResidencePermitWithAnotherPrefixOrWrongCheckCharacter() {
        DocumentError prefix = error(IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT, "11010519491231002X", null);
        assertThat(prefix.code()).isEqualTo(Code.PERMIT_PREFIX);
        assertThat(prefix.parameters()).containsExactly("110105");
        String number = ResidentIdNumber.compose("820000", LocalDate.of(1985, 3, 4), 22).value();
        char wrong = number.charAt(17) == '1' ? '2' : '1';
        DocumentError check = error(IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT,
                number.substring(0, 17) + wrong, null);
        assertThat(check.code()).isEqualTo(Code.CHECK_DIGIT_MISMATCH);
        assertThat(check.parameters()).containsExactly(String.valueOf(number.charAt(17)), String.valueOf(wrong));
        assertThat(error(IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT, "81000019850304", null).parameters())
                .containsExactly("18", "14");
    }

    @Test
    void acceptsTheNewForeignerPermanentResidenceSamplesOfId11() {
        IdentityDocumentNumber saudi = valid(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID,
                "932682198501010017", null);
        assertThat(saudi.birthDate()).isEqualTo(LocalDate.of(1985, 1, 1));
        assertThat(saudi.sex()).isEqualTo(Sex.MALE);
        IdentityDocumentNumber canadian = valid(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID,
                "911124198108030024", null);
        assertThat(canadian.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void rejectsANewForeignerNumberNotStartingWithNineOrFailingTheCheck() {
        DocumentError prefix = error(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID, "321083197812162119", null);
        assertThat(prefix.code()).isEqualTo(Code.FOREIGN_PREFIX);
        assertThat(prefix.parameters()).containsExactly("3");
        DocumentError check = error(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID, "932682198501010018", null);
        assertThat(check.code()).isEqualTo(Code.CHECK_DIGIT_MISMATCH);
        assertThat(check.parameters()).containsExactly("7", "8");
    }

    @Test
    void acceptsTheOldForeignerCardOfId12AsThreeLettersAndTwelveDigits() {
        IdentityDocumentNumber card = valid(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID_OLD,
                "usa110080012345", null);
        assertThat(card.value()).isEqualTo("USA110080012345");
        assertThat(card.issuingCountry()).isEqualTo("USA");
        assertThat(card.birthDate()).isNull();
    }

    @Test
    void namesTheWrongPositionOfAnOldForeignerCard() {
        DocumentError letter = error(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID_OLD, "U5A110080012345", null);
        assertThat(letter.code()).isEqualTo(Code.LETTER_EXPECTED);
        assertThat(letter.parameters()).containsExactly("2", "5");
        DocumentError digit = error(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID_OLD, "USA11008001234O", null);
        assertThat(digit.code()).isEqualTo(Code.DIGIT_EXPECTED);
        assertThat(digit.parameters()).containsExactly("15", "O");
        assertThat(error(IdentityDocumentType.FOREIGN_PERMANENT_RESIDENT_ID_OLD, "USA1100800", null).code())
                .isEqualTo(Code.LENGTH);
    }

    @Test
    void acceptsAPassportWithItsIssuingCountry() {
        IdentityDocumentNumber passport = valid(IdentityDocumentType.PASSPORT, "e12345678", "chn");
        assertThat(passport.value()).isEqualTo("E12345678");
        assertThat(passport.issuingCountry()).isEqualTo("CHN");
    }

    @Test
    void rejectsPassportsOfWrongLengthCharactersOrWithoutCountry() {
        DocumentError length = error(IdentityDocumentType.PASSPORT, "E123", "CHN");
        assertThat(length.code()).isEqualTo(Code.LENGTH_RANGE);
        assertThat(length.parameters()).containsExactly("5", "17", "4");
        DocumentError character = error(IdentityDocumentType.PASSPORT, "E1234-678", "CHN");
        assertThat(character.code()).isEqualTo(Code.LETTER_OR_DIGIT_EXPECTED);
        assertThat(character.parameters()).containsExactly("6", "-");
        assertThat(error(IdentityDocumentType.PASSPORT, "E12345678", " ").code())
                .isEqualTo(Code.ISSUING_COUNTRY_REQUIRED);
        DocumentError country = error(IdentityDocumentType.PASSPORT, "E12345678", "China");
        assertThat(country.code()).isEqualTo(Code.ISSUING_COUNTRY_INVALID);
        assertThat(country.parameters()).containsExactly("China");
    }

    @Test
    void throwsWithThePreciseReasonWhenAskedForTheNumber() {
        assertThatThrownBy(() -> IdentityDocumentNumber.parse(IdentityDocumentType.RESIDENT_ID,
                "110105194912310029", null, TODAY).orElseThrow())
                .isInstanceOf(InvalidIdentityDocumentException.class)
                .satisfies(e -> assertThat(((InvalidIdentityDocumentException) e).error().code())
                        .isEqualTo(Code.CHECK_DIGIT_MISMATCH));
    }

    @Test
    void usesADistinctBlindIndexContextPerType() {
        assertThat(List.of(IdentityDocumentType.values()).stream().map(IdentityDocumentType::context).distinct())
                .hasSize(IdentityDocumentType.values().length);
        assertThat(IdentityDocumentType.RESIDENT_ID.context()).isEqualTo(Residents.ID_NUMBER_CONTEXT);
    }

    @Test
    void everyDocumentPhoneAndNameErrorHasAChineseAndAnEnglishMessage() throws IOException {
        Properties zh = bundle("i18n/mpi_zh_CN.properties");
        Properties en = bundle("i18n/mpi_en.properties");
        for (Code code : Code.values()) {
            String key = new DocumentError(IdentityDocumentType.PASSPORT, code, List.of()).messageKey();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
            assertThat(en.getProperty(key)).as(key).isNotBlank();
        }
        for (PhoneNumber.Error.Code code : PhoneNumber.Error.Code.values()) {
            String key = new PhoneNumber.Error(code, List.of()).messageKey();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
        for (ResidentName.Error.Code code : ResidentName.Error.Code.values()) {
            String key = new ResidentName.Error(code, List.of()).messageKey();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
        for (IdentityDocumentType type : IdentityDocumentType.values()) {
            assertThat(zh.getProperty(type.messageKey())).as(type.messageKey()).isNotBlank();
        }
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = IdentityDocumentNumberTests.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
