package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTests {

    private final Masking masking = new Masking(MaskingRules.DEFAULTS);

    @Test
    @DisplayName("MASK-03: an ID number keeps its first 4 and last 4 characters by default")
    void masksIdNumberKeepingFirstFourAndLastFour() {
        assertThat(masking.idNumber("510105199001011234")).isEqualTo("5101**********1234");
        assertThat(masking.idNumber("51010519900101123X")).isEqualTo("5101**********123X");
        assertThat(masking.idNumber("510105900101123")).isEqualTo("5101*******1123");
    }

    @Test
    @DisplayName("MASK-03: a mobile number keeps its first 3 and last 4 digits by default")
    void masksPhoneKeepingFirstThreeAndLastFour() {
        assertThat(masking.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    @DisplayName("MASK-03: the kept parts are configurable per field")
    void followsConfiguredRules() {
        Masking sixAndFour = new Masking(new MaskingRules(6, 4, 0, 4));

        assertThat(sixAndFour.idNumber("510105199001011234")).isEqualTo("510105********1234");
        assertThat(sixAndFour.phone("13812345678")).isEqualTo("*******5678");
    }

    @ParameterizedTest
    @CsvSource({
        "12345678, ********",
        "1234567, *******",
        "1, *",
    })
    @DisplayName("MASK-03: an ID shorter than its kept parts is masked entirely, never revealed")
    void masksShortIdNumberEntirely(String input, String expected) {
        assertThat(masking.idNumber(input)).isEqualTo(expected);
    }

    @Test
    void masksShortPhoneEntirely() {
        assertThat(masking.phone("5678")).isEqualTo("****");
        assertThat(masking.phone("1234567")).isEqualTo("*******");
        assertThat(masking.phone("12345678")).isEqualTo("123*5678");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void returnsNullAndBlankUnchanged(String input) {
        assertThat(masking.idNumber(input)).isEqualTo(input);
        assertThat(masking.phone(input)).isEqualTo(input);
        assertThat(masking.name(input)).isEqualTo(input);
    }

    @ParameterizedTest
    @CsvSource({
        "张三丰, 张**",
        "张三, 张*",
        "王小二, 王**",
        "' 李四 ', 李*",
    })
    @DisplayName("MASK-03: a Chinese name keeps only the surname")
    void masksChineseNameKeepingSurname(String input, String expected) {
        assertThat(masking.name(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "欧阳娜娜, 欧阳**",
        "司马懿懿, 司马**",
        "诸葛亮明, 诸葛**",
        "上官婉儿, 上官**",
        "东方不败, 东方**",
        "皇甫嵩, 皇甫*",
        "尉迟恭, 尉迟*",
        "公孙胜, 公孙*",
        "慕容复, 慕容*",
        "长孙无忌, 长孙**",
        "宇文泰, 宇文*",
        "司徒雷登, 司徒**",
        "夏侯惇, 夏侯*",
        "令狐冲, 令狐*",
    })
    @DisplayName("MASK-03: a compound surname keeps both of its characters")
    void masksCompoundSurnameKeepingBothCharacters(String input, String expected) {
        assertThat(masking.name(input)).isEqualTo(expected);
    }

    @Test
    void treatsAFirstCharacterPairThatIsNotACompoundSurnameAsSingleSurname() {
        assertThat(masking.name("司空见")).isEqualTo("司**");
        assertThat(masking.name("欧阳")).isEqualTo("欧*");
    }

    @Test
    void masksSingleCharacterNameEntirely() {
        assertThat(masking.name("张")).isEqualTo("*");
        assertThat(masking.name("J")).isEqualTo("*");
    }

    @Test
    void keepsMiddleDotOfTransliteratedNames() {
        assertThat(masking.name("买买提·艾力")).isEqualTo("买**·**");
    }

    @Test
    void countsSupplementaryPlaneSurnameAsOneCharacter() {
        assertThat(masking.name("𠮷野家")).isEqualTo("𠮷**");
    }

    @ParameterizedTest
    @CsvSource({
        "John Smith, J*** S****",
        "Mary-Jane Watson, M***-J*** W*****",
        "Li, L*",
        "J Smith, * S****",
    })
    @DisplayName("MASK-03: a Latin name keeps only the initial of each word")
    void masksLatinNameKeepingFirstLetter(String input, String expected) {
        assertThat(masking.name(input)).isEqualTo(expected);
    }

    @Test
    void rejectsNegativeKeepCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MaskingRules(-1, 4, 3, 4));
    }
}
