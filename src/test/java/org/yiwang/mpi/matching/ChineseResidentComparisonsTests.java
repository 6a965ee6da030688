package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseResidentComparisonsTests {

    private static final FieldComparison NAME = new ChineseResidentComparisons.Name();
    private static final FieldComparison BIRTH = new ChineseResidentComparisons.BirthDate();
    private static final FieldComparison ID = new ChineseResidentComparisons.IdNumber();
    private static final FieldComparison PHONE = ChineseResidentComparisons.phone();
    private static final FieldComparison ADDRESS = new ChineseResidentComparisons.Address();
    private static final FieldComparison SEX = new ChineseResidentComparisons.Sex();

    static PreparedRecord person(String name, String sex, String birth, String id, String phone, String address) {
        return PreparedRecord.of(PersonRecord.of("r", name, sex, birth, id, phone, address));
    }

    static PreparedRecord named(String name) {
        return person(name, "", "", "", "", "");
    }

    private static String nameLevel(String a, String b) {
        int level = NAME.compare(named(a), named(b));
        return level < 0 ? "MISSING" : NAME.levels().get(level);
    }

    @Test
    void namesEqualAfterFoldingTraditionalCharactersAndSpacesAreExact() {
        assertThat(nameLevel("王丽菲", "王丽菲")).isEqualTo("EXACT");
        assertThat(nameLevel("王 丽菲", "王丽菲")).isEqualTo("EXACT");
        assertThat(nameLevel("石國東", "石国东")).isEqualTo("EXACT");
    }

    @Test
    void homophonesAndPolyphoneReadingsHaveTheSamePinyin() {
        assertThat(nameLevel("魏苹云", "魏萍云")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("王波", "王柏")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("石國東", "石果冬")).isEqualTo("SAME_PINYIN");
    }

    @Test
    void pinyinOnlyNamesMatchTheCharactersInEitherOrder() {
        assertThat(nameLevel("Zhang Jiefei", "张杰飞")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("张杰飞", "Jiefei Zhang")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("Shan Xiongxin", "单雄信")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("Zhang Jiefei", "Jiefei Zhang")).isEqualTo("EXACT");
        assertThat(nameLevel("Wang Jiefei", "张杰飞")).isEqualTo("DIFFERENT");
    }

    @Test
    void lookAlikeCharactersAndSouthernFuzzyReadingsAreNear() {
        assertThat(nameLevel("孙文平", "孙文乎")).isEqualTo("NEAR");
        assertThat(nameLevel("赵颖季", "赵颖秀")).isEqualTo("NEAR");
        assertThat(nameLevel("刘兰", "刘南")).isEqualTo("NEAR");
        assertThat(nameLevel("张建", "章简")).isEqualTo("SAME_PINYIN");
        assertThat(nameLevel("陈晨", "陈成")).isEqualTo("NEAR");
        assertThat(nameLevel("王丽菲", "王菲丽")).isEqualTo("NEAR");
    }

    @Test
    void oneUnrelatedGivenNameCharacterIsPartialAndAnotherGivenNameIsDifferent() {
        assertThat(nameLevel("张伟明", "张伟亮")).isEqualTo("PARTIAL");
        assertThat(nameLevel("张伟", "张磊")).isEqualTo("DIFFERENT");
        assertThat(nameLevel("张伟", "王伟")).isEqualTo("DIFFERENT");
        assertThat(nameLevel("张伟明", "张伟")).isEqualTo("DIFFERENT");
        assertThat(nameLevel("", "张伟")).isEqualTo("MISSING");
    }

    private static String birthLevel(String a, String b) {
        int level = BIRTH.compare(person("", "", a, "", "", ""), person("", "", b, "", "", ""));
        return level < 0 ? "MISSING" : BIRTH.levels().get(level);
    }

    @Test
    void birthDatesToleranceCoversTypingErrorsSwapsAndNeighbouringDays() {
        assertThat(birthLevel("1978-12-24", "1978-12-24")).isEqualTo("EXACT");
        assertThat(birthLevel("1978-12-24", "19781224")).isEqualTo("EXACT");
        assertThat(birthLevel("1978-12-24", "1978-12-25")).isEqualTo("CLOSE");
        assertThat(birthLevel("1978-12-24", "1978-12-42")).isEqualTo("CLOSE");
        assertThat(birthLevel("1966-09-07", "1966-07-09")).isEqualTo("CLOSE");
        assertThat(birthLevel("1978-12-31", "1979-01-01")).isEqualTo("CLOSE");
        assertThat(birthLevel("1981-04-18", "1980-04-18")).isEqualTo("CLOSE");
        assertThat(birthLevel("1970-10-12", "1970-10-29")).isEqualTo("DIFFERENT");
        assertThat(birthLevel("1949-06-20", "1950-06-20")).isEqualTo("DIFFERENT");
    }

    @Test
    void aPlaceholderFirstOfJanuaryOrAYearAloneAgreesOnTheYearOnly() {
        assertThat(birthLevel("1936-01-01", "1936-08-07")).isEqualTo("YEAR_ONLY");
        assertThat(birthLevel("1936", "1936-08-07")).isEqualTo("YEAR_ONLY");
        assertThat(birthLevel("1937-01-01", "1936-08-07")).isEqualTo("DIFFERENT");
        assertThat(birthLevel("", "1936-08-07")).isEqualTo("MISSING");
    }

    private static String idLevel(String a, String b) {
        int level = ID.compare(person("", "", "", a, "", ""), person("", "", "", b, "", ""));
        return level < 0 ? "MISSING" : ID.levels().get(level);
    }

    @Test
    void idNumbersAreComparedAfterNormalisation() {
        // ID-03 lower-case x, ID-05 legacy 15 digits
        assertThat(idLevel("51070419940826366X", "51070419940826366x")).isEqualTo("EXACT");
        assertThat(idLevel("150102880730303", "150102198807303035")).isEqualTo("EXACT");
        assertThat(idLevel("511002031103759", "51100220031103759X")).isEqualTo("EXACT");
        assertThat(idLevel("", "51100220031103759X")).isEqualTo("MISSING");
    }

    @Test
    void oneTypingErrorCountsOnlyWhenACheckCharacterFails() {
        // ID-03: MOD 11-2 detects every single substitution, so two valid numbers one edit apart cannot be a typo
        String valid = "11010519491231002X";
        String oneDigitOff = "11010519491231003X";
        assertThat(IdNumbers.hasValidCheckCharacter(oneDigitOff)).isFalse();
        assertThat(idLevel(valid, oneDigitOff)).isEqualTo("TYPO");
        assertThat(idLevel("500118193803171351", "500118193803117351")).isEqualTo("TYPO");
        // a sibling registered with the same address code and birth date: a different valid number
        String sibling = "110105194912310038";
        assertThat(IdNumbers.hasValidCheckCharacter(sibling)).isTrue();
        assertThat(idLevel(valid, sibling)).isEqualTo("DIFFERENT");
    }

    @Test
    void phonesIgnoreSeparatorsAndTolerateOneTypingError() {
        assertThat(PHONE.compare(person("", "", "", "", "199-1364-6318", ""), person("", "", "", "", "19913646318", "")))
                .isEqualTo(2);
        assertThat(PHONE.compare(person("", "", "", "", "14779971907", ""), person("", "", "", "", "14779971970", "")))
                .isEqualTo(1);
        assertThat(PHONE.compare(person("", "", "", "", "14779971907", ""), person("", "", "", "", "18529681345", "")))
                .isZero();
        assertThat(PHONE.compare(person("", "", "", "", "", ""), person("", "", "", "", "18529681345", "")))
                .isEqualTo(FieldComparison.MISSING);
    }

    @Test
    void aPartialAddressWithoutProvinceAndCountyIsTheSamePlace() {
        PreparedRecord full = person("", "", "", "", "", "重庆市永川区何埂镇水井村9组29号");
        assertThat(ADDRESS.compare(full, person("", "", "", "", "", "何埂镇水井村9组29号"))).isEqualTo(2);
        assertThat(ADDRESS.compare(full, person("", "", "", "", "", "重慶市永川區何埂鎮水井村9組29號"))).isEqualTo(2);
        assertThat(ADDRESS.compare(full, person("", "", "", "", "", "何埂镇水井村9组28号"))).isEqualTo(1);
        assertThat(ADDRESS.compare(full, person("", "", "", "", "", "二郎镇长湾村6组68号"))).isZero();
    }

    @Test
    void sexAgreesDisagreesOrIsMissing() {
        assertThat(SEX.compare(person("", "M", "", "", "", ""), person("", "男", "", "", "", ""))).isEqualTo(1);
        assertThat(SEX.compare(person("", "M", "", "", "", ""), person("", "F", "", "", "", ""))).isZero();
        assertThat(SEX.compare(person("", "", "", "", "", ""), person("", "F", "", "", "", "")))
                .isEqualTo(FieldComparison.MISSING);
    }
}
