package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ICD-10 code list: normalisation, lookup, names and bounded search. */
class IcdCodesTests {

    private static final IcdCodes CODES = IcdCodes.fromClasspath();

    @Test
    void normalisesCaseDotsWhitespaceAndFullWidthCharacters() {
        assertThat(IcdCodes.normalise("i10")).contains("I10");
        assertThat(IcdCodes.normalise("E119")).contains("E11.9");
        assertThat(IcdCodes.normalise(" e11.9 ")).contains("E11.9");
        assertThat(IcdCodes.normalise("ｅ１１．９")).contains("E11.9");
        assertThat(IcdCodes.normalise("S72.00")).contains("S72.00");
    }

    @Test
    void rejectsWhatCannotBeAnIcd10Code() {
        assertThat(IcdCodes.normalise(null)).isEmpty();
        assertThat(IcdCodes.normalise("")).isEmpty();
        assertThat(IcdCodes.normalise("10")).isEmpty();
        assertThat(IcdCodes.normalise("I1")).isEmpty();
        assertThat(IcdCodes.normalise("I10.")).isEmpty();
        assertThat(IcdCodes.normalise("I10.123")).isEmpty();
        assertThat(IcdCodes.normalise("高血压")).isEmpty();
        assertThat(IcdCodes.normalise("I 10")).isEmpty();
    }

    @Test
    void findsListedCodesWithTheirChineseAndEnglishNamesAndChapter() {
        assertThat(CODES.find("i10")).contains(new IcdCode("I10", "特发性（原发性）高血压",
                "Essential (primary) hypertension", "IX"));
        assertThat(CODES.find("E119").map(IcdCode::chineseName)).contains("非胰岛素依赖型糖尿病不伴有并发症");
        assertThat(CODES.find("I21.0").map(IcdCode::englishName))
                .contains("Acute transmural myocardial infarction of anterior wall");
        assertThat(CODES.find("B18.1").map(IcdCode::chapter)).contains("I");
        assertThat(CODES.find("Z00.0").map(IcdCode::chapter)).contains("XXI");
    }

    @Test
    void tellsUnknownCodesFromKnownOnes() {
        assertThat(CODES.isKnown("J44.1")).isTrue();
        assertThat(CODES.isKnown("U07.1")).isFalse();
        assertThat(CODES.isKnown("I10.9")).isFalse();
        assertThat(CODES.isKnown("not a code")).isFalse();
        assertThat(CODES.find("X99.9")).isEmpty();
    }

    @Test
    void coversTheConditionsACountyRecordsMost() {
        List<String> required = List.of("I10", "I11", "I12", "I13", "I15", "E10.9", "E11.2", "E12", "E13", "E14.9",
                "I20", "I21.0", "I21.1", "I21.4", "I25", "I60", "I61", "I63", "I64", "J44.9", "J12", "J13", "J15",
                "J18.9", "J45", "A15", "A16", "A17", "A18", "A19", "B18.1", "B20", "B24", "Z21", "N18.5", "O80",
                "O24.4", "F20", "F31", "F32", "F41", "S72.0", "R50.9", "Z00.0", "Z13", "C16", "C22", "C34", "C50",
                "C53");
        assertThat(required).allSatisfy(code -> assertThat(CODES.isKnown(code)).as(code).isTrue());
        assertThat(CODES.size()).isGreaterThan(300);
    }

    /** The chronic diseases of public-health management (domain-rules §1.1–1.4) and the sensitive chapters (§9). */
    @Test
    void theCommonChronicDiseaseCodesResolveToChineseNames() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("I10", "特发性（原发性）高血压");
        expected.put("I11.9", "高血压性心脏病不伴有（充血性）心力衰竭");
        expected.put("I15", "继发性高血压");
        expected.put("E10.9", "胰岛素依赖型糖尿病不伴有并发症");
        expected.put("E11.9", "非胰岛素依赖型糖尿病不伴有并发症");
        expected.put("E14", "未特指的糖尿病");
        expected.put("I60", "蛛网膜下出血");
        expected.put("I61.9", "未特指的脑内出血");
        expected.put("I63.9", "未特指的脑梗死");
        expected.put("I64", "未特指为出血或梗死的卒中");
        expected.put("I67.9", "未特指的脑血管病");
        expected.put("I69.3", "脑梗死后遗症");
        expected.put("J44.1", "慢性阻塞性肺病伴有急性加重");
        expected.put("J44.9", "未特指的慢性阻塞性肺病");
        expected.put("I20.0", "不稳定型心绞痛");
        expected.put("I21.9", "未特指的急性心肌梗死");
        expected.put("I25.1", "动脉硬化性心脏病");
        expected.put("O80", "单胎顺产");
        expected.put("O14.1", "重度子痫前期");
        expected.put("F20.9", "未特指的精神分裂症");
        expected.put("F31", "双相情感障碍");
        expected.put("F32.9", "未特指的抑郁发作");
        expected.put("F42", "强迫性障碍");
        expected.put("B20", "人类免疫缺陷病毒[HIV]病造成的感染性和寄生虫性疾病");
        expected.put("B24", "未特指的人类免疫缺陷病毒[HIV]病");
        expected.forEach((code, name) ->
                assertThat(CODES.find(code).map(IcdCode::chineseName)).as(code).contains(name));
        // every three-character category of the chronic-disease ranges is on the list (I14 does not exist in ICD-10)
        for (String code : List.of("I10", "I11", "I12", "I13", "I15", "E10", "E11", "E12", "E13", "E14", "I20", "I21",
                "I22", "I23", "I24", "I25", "I60", "I61", "I62", "I63", "I64", "I65", "I66", "I67", "I68", "I69", "J44",
                "B20", "B21", "B22", "B23", "B24")) {
            assertThat(CODES.find(code).map(IcdCode::chineseName)).as(code)
                    .hasValueSatisfying(name -> assertThat(name).matches(".*\\p{IsHan}.*"));
        }
        assertThat(CODES.search("F", 50)).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(code -> assertThat(code.chapter()).isEqualTo("V"));
    }

    @Test
    void eachEntryOfTheDataFileIsInItsChapter() {
        for (IcdCode code : CODES.search("A", 50)) {
            assertThat(code.chapter()).as(code.code()).isEqualTo("I");
        }
        assertThat(CODES.search("I", 50)).allSatisfy(code -> assertThat(code.chapter()).isEqualTo("IX"));
        assertThat(CODES.search("O", 50)).allSatisfy(code -> assertThat(code.chapter()).isEqualTo("XV"));
        assertThat(CODES.search("S", 50)).allSatisfy(code -> assertThat(code.chapter()).isEqualTo("XIX"));
    }

    @Test
    void searchesByCodePrefixIgnoringCaseAndDotInCodeOrder() {
        assertThat(CODES.search("e11", 20)).extracting(IcdCode::code).containsExactly("E11", "E11.0", "E11.1",
                "E11.2", "E11.3", "E11.4", "E11.5", "E11.6", "E11.7", "E11.8", "E11.9");
        assertThat(CODES.search("I21.", 20)).extracting(IcdCode::code).containsExactly("I21", "I21.0", "I21.1",
                "I21.2", "I21.3", "I21.4", "I21.9");
        assertThat(CODES.search("j441", 20)).extracting(IcdCode::code).containsExactly("J44.1");
    }

    @Test
    void searchesByChineseNameSubstring() {
        assertThat(CODES.search("高血压", 50)).extracting(IcdCode::code).contains("I10", "I11", "I15", "O13")
                .doesNotContain("E11");
        assertThat(CODES.search("慢性阻塞性肺病", 50)).extracting(IcdCode::code).contains("J44", "J44.0", "J44.9");
        assertThat(CODES.search("没有这种病", 50)).isEmpty();
    }

    @Test
    void searchIsAlwaysBounded() {
        assertThat(CODES.search("E", 5)).hasSize(5);
        assertThat(CODES.search("I", 10_000)).hasSize(IcdCodes.MAX_SEARCH_RESULTS);
        assertThat(CODES.search("病", 10_000)).hasSize(IcdCodes.MAX_SEARCH_RESULTS);
        assertThat(CODES.search("I10", 0)).isEmpty();
        assertThat(CODES.search("  ", 10)).isEmpty();
        assertThat(CODES.search(null, 10)).isEmpty();
    }

    @Test
    void rejectsAMalformedCodeListNamingTheLine() {
        assertThatThrownBy(() -> IcdCodes.parse(List.of("# header", "I10\t高血压\tHypertension")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: expected 4 tab-separated fields, found 3");
        assertThatThrownBy(() -> IcdCodes.parse(List.of("i10\t高血压\tHypertension\tIX")))
                .hasMessage("line 1: 'i10' is not a canonical ICD-10 code");
        assertThatThrownBy(() -> IcdCodes.parse(List.of("I10\t高血压\tHypertension\tIX", "", "I10\t高\tH\tIX")))
                .hasMessage("line 3: code I10 appears twice");
        assertThatThrownBy(() -> IcdCodes.parse(List.of("I10\t\tHypertension\tIX")))
                .hasMessage("line 1: field 2 is empty");
        assertThatThrownBy(() -> IcdCodes.parse(List.of("I10\t高血压\tHypertension\t9")))
                .hasMessage("line 1: chapter '9' is not a Roman numeral");
        assertThat(IcdCodes.parse(List.of("# only a comment", "")).find("I10")).isEqualTo(Optional.empty());
    }
}
