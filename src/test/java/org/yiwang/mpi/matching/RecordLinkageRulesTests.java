package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The deterministic rules of the Chinese resident profile and the two thresholds. */
class RecordLinkageRulesTests {

    private final RecordLinkage linkage = RecordLinkage.chineseResidents();

    static PreparedRecord record(String id, String name, String sex, String birth, String idNumber, String phone,
                                 String address) {
        return PreparedRecord.of(PersonRecord.of(id, name, sex, birth, idNumber, phone, address));
    }

    @Test
    void anEqualValidIdNumberWithAnAgreeingNameLinksWhateverElseDiffers() {
        // ID-01, ID-03: the number passes its check character
        PreparedRecord a = record("a", "杨董磊", "M", "1978-12-24", "510704197812240153", "14806854050", "");
        PreparedRecord b = record("b", "杨东磊", "", "", "510704197812240153", "13900000000", "二郎镇长湾村6组68号");
        MatchResult result = linkage.compare(a, b);
        assertThat(result.decision()).isEqualTo(Decision.LINK);
        assertThat(result.rule()).contains("equal valid ID number");
    }

    @Test
    void anEqualIdNumberWithAConflictingNameGoesToReviewNeverToAutoLink() {
        // a relative's number typed for another family member (ID-01): one given-name character differs
        PreparedRecord parent = record("a", "邓兰兰", "F", "1938-09-26", "510704193809269643", "19141706605",
                "何埂镇水井村9组29号");
        PreparedRecord child = record("b", "邓三兰", "F", "1938-09-26", "510704193809269643", "19141706605",
                "何埂镇水井村9组29号");
        MatchResult result = linkage.compare(parent, child);
        assertThat(result.probability()).isGreaterThan(linkage.thresholds().autoLinkProbability());
        assertThat(result.decision()).isEqualTo(Decision.REVIEW);
        assertThat(result.rule()).contains("conflicting name");
    }

    @Test
    void anEqualIdNumberWithAConflictingBirthDateGoesToReview() {
        PreparedRecord a = record("a", "唐洁云", "F", "1949-06-20", "511002194906201389", "16287781108", "");
        PreparedRecord b = record("b", "唐洁云", "F", "1950-06-20", "511002194906201389", "16287781108", "");
        MatchResult result = linkage.compare(a, b);
        assertThat(result.decision()).isEqualTo(Decision.REVIEW);
        assertThat(result.rule()).contains("conflicting birth date");
    }

    @Test
    void anEqualIdNumberThatFailsItsCheckCharacterIsLeftToTheScore() {
        // ID-03: 110105194912310029 fails its check (ID-04), so equality alone is not a verified identity
        PreparedRecord a = record("a", "张三", "M", "1949-12-31", "110105194912310029", "", "");
        PreparedRecord b = record("b", "张三", "M", "1949-12-31", "110105194912310029", "", "");
        assertThat(linkage.compare(a, b).rule()).isEmpty();
    }

    @Test
    void nameAndANearbyBirthDateAloneNeverAutoLink() {
        PreparedRecord a = record("a", "姚强浩", "M", "1969-08-23", "", "18855992330", "永安镇金鸡村2组52号");
        PreparedRecord b = record("b", "姚强浩", "M", "1969-08-28", "", "19231594829", "朝阳镇红星村6组28号");
        MatchResult result = linkage.compare(a, b);
        assertThat(result.decision()).isNotEqualTo(Decision.LINK);
        assertThat(result.rule()).contains("at most review");
    }

    @Test
    void theCapDoesNotLiftALowScoreToReview() {
        PreparedRecord a = record("a", "王伟", "M", "1980-01-01", "", "", "");
        PreparedRecord b = record("b", "李强", "F", "1990-05-05", "", "", "");
        assertThat(linkage.compare(a, b).decision()).isEqualTo(Decision.NON_MATCH);
    }

    @Test
    void twinsSharingPhoneAddressAndBirthDateAreNotLinked() {
        PreparedRecord a = record("a", "张伟", "M", "2001-03-04", "", "13800138000", "何埂镇水井村9组29号");
        PreparedRecord b = record("b", "张磊", "M", "2001-03-04", "", "13800138000", "何埂镇水井村9组29号");
        assertThat(linkage.compare(a, b).decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void explainsEveryFieldWithItsLevelAndWeight() {
        PreparedRecord a = record("a", "王丽菲", "F", "1944-03-17", "65290219440317966X", "13940418966", "");
        PreparedRecord b = record("b", "王 丽菲", "F", "1944-03-18", "", "13940418966", "");
        MatchResult result = linkage.compare(a, b);
        assertThat(result.explanation()).extracting(FieldAgreement::field)
                .containsExactly("name", "sex", "birth_date", "id_number", "phone", "address");
        assertThat(result.explanation()).extracting(FieldAgreement::level)
                .containsExactly("EXACT", "SAME", "CLOSE", "MISSING", "EXACT", "MISSING");
        double sum = linkage.model().priorWeight()
                + result.explanation().stream().mapToDouble(FieldAgreement::weightBits).sum();
        assertThat(result.weightBits()).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.explanation().get(0).weightBits()).isPositive();
    }

    @Test
    void thresholdsSplitLinkReviewAndNonMatch() {
        MatchThresholds thresholds = new MatchThresholds(0.99, 0.5);
        assertThat(thresholds.decide(0.995)).isEqualTo(Decision.LINK);
        assertThat(thresholds.decide(0.7)).isEqualTo(Decision.REVIEW);
        assertThat(thresholds.decide(0.2)).isEqualTo(Decision.NON_MATCH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MatchThresholds(0.5, 0.9))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commonNamesWeighLessThanRareNames() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            counts.put("name" + i, 1L);
        }
        counts.put("wangwei", 200L);
        counts.put("ouyangxiu", 1L);
        NameFrequencies frequencies = NameFrequencies.of(counts);
        RecordLinkage adjusted = linkage.withFrequencies(frequencies);
        PreparedRecord common = record("a", "王伟", "", "", "", "", "");
        PreparedRecord rare = record("b", "欧阳修", "", "", "", "", "");
        double commonWeight = adjusted.compare(common, common).explanation().get(0).weightBits();
        double rareWeight = adjusted.compare(rare, rare).explanation().get(0).weightBits();
        assertThat(rareWeight).isGreaterThan(commonWeight + 3);
    }

    @Test
    void ranksLikelyExistingResidentsForANewRegistrationBestFirst() {
        PreparedRecord probe = record("new", "王丽菲", "F", "1944-03-17", "", "13940418966", "");
        PreparedRecord same = record("r1", "王丽菲", "F", "1944-03-17", "65290219440317966X", "13940418966", "");
        PreparedRecord homophone = record("r2", "王莉菲", "F", "1944-03-17", "", "", "");
        PreparedRecord other = record("r3", "李强", "M", "1990-05-05", "", "", "");
        assertThat(linkage.likelyMatches(probe, java.util.List.of(other, homophone, same), 10))
                .extracting(MatchResult::rightRecordId).containsExactly("r1", "r2");
        assertThat(linkage.likelyMatches(probe, java.util.List.of(other, homophone, same), 1)).hasSize(1);
    }
}
