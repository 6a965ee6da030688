package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseNamesTests {

    @Test
    void writesTonelessPinyinSurnameFirst() {
        assertThat(ChineseNames.toneless("张三")).isEqualTo("zhang san");
        assertThat(ChineseNames.toneless("王丽菲")).isEqualTo("wang lifei");
        assertThat(ChineseNames.toneless("吕女")).isEqualTo("lv nv");
    }

    @Test
    void usesSurnameReadingsOfPolyphones() {
        assertThat(ChineseNames.toneless("单雄信")).isEqualTo("shan xiongxin");
        assertThat(ChineseNames.toneless("曾国藩")).isEqualTo("zeng guofan");
        assertThat(ChineseNames.toneless("解缙")).isEqualTo("xie jin");
        assertThat(ChineseNames.toneless("仇英")).isEqualTo("qiu ying");
        assertThat(ChineseNames.toneless("区丽")).isEqualTo("ou li");
        assertThat(ChineseNames.toneless("朴明")).isEqualTo("piao ming");
        assertThat(ChineseNames.toneless("查良镛")).isEqualTo("zha liangyong");
        assertThat(ChineseNames.toneless("盖聂")).isEqualTo("ge nie");
        assertThat(ChineseNames.toneless("覃军")).isEqualTo("qin jun");
    }

    @Test
    void recognisesCompoundSurnames() {
        assertThat(ChineseNames.toneless("尉迟恭")).isEqualTo("yuchi gong");
        assertThat(ChineseNames.toneless("欧阳修")).isEqualTo("ouyang xiu");
        assertThat(ChineseNames.split("司马光")).isEqualTo(new ChineseNames.Split("司马", "光"));
    }

    @Test
    void twoCharacterNameStartingLikeACompoundSurnameKeepsASingleSurname() {
        assertThat(ChineseNames.split("司马")).isEqualTo(new ChineseNames.Split("司", "马"));
    }

    @Test
    void foldsTraditionalToSimplifiedBeforeReading() {
        assertThat(ChineseNames.simplified("劉德華")).isEqualTo("刘德华");
        assertThat(ChineseNames.simplified("石國東")).isEqualTo("石国东");
        assertThat(ChineseNames.toneless("馮壽宏")).isEqualTo("feng shouhong");
    }

    @Test
    void acceptsSpaceBetweenSurnameAndGivenNameAndFullWidthCharacters() {
        assertThat(ChineseNames.toneless("王 丽菲")).isEqualTo("wang lifei");
        assertThat(ChineseNames.toneless("王\u3000丽菲")).isEqualTo("wang lifei");
        assertThat(ChineseNames.split(" 周 秀运 ")).isEqualTo(new ChineseNames.Split("周", "秀运"));
    }

    @Test
    void keepsPinyinOnlyNamesInLowerCase() {
        assertThat(ChineseNames.toneless("Zhang Jiefei")).isEqualTo("zhang jiefei");
        assertThat(ChineseNames.toneless("ＺＨＡＮＧ  Jie Fei")).isEqualTo("zhang jiefei");
        assertThat(ChineseNames.toneless("")).isEmpty();
        assertThat(ChineseNames.toneless(null)).isEmpty();
    }

    @Test
    void listsAllReadingsOfPolyphones() {
        assertThat(ChineseNames.readings("单".codePointAt(0))).contains("dan", "shan", "chan");
        assertThat(ChineseNames.readings("曾".codePointAt(0))).containsExactly("ceng", "zeng");
        assertThat(ChineseNames.readings("A".codePointAt(0))).isEmpty();
    }

    @Test
    void relatesHomophonesIncludingPolyphoneReadings() {
        assertThat(ChineseNames.homophones("萍".codePointAt(0), "苹".codePointAt(0))).isTrue();
        assertThat(ChineseNames.homophones("柏".codePointAt(0), "波".codePointAt(0))).isTrue();
        assertThat(ChineseNames.homophones("劉".codePointAt(0), "流".codePointAt(0))).isTrue();
        assertThat(ChineseNames.homophones("张".codePointAt(0), "王".codePointAt(0))).isFalse();
    }

    @Test
    void relatesLookAlikeCharactersButNotUnrelatedOnes() {
        assertThat(ChineseNames.lookAlike("平".codePointAt(0), "乎".codePointAt(0))).isTrue();
        assertThat(ChineseNames.lookAlike("己".codePointAt(0), "巳".codePointAt(0))).isTrue();
        assertThat(ChineseNames.lookAlike("國".codePointAt(0), "国".codePointAt(0))).isTrue();
        assertThat(ChineseNames.lookAlike("平".codePointAt(0), "王".codePointAt(0))).isFalse();
    }
}
