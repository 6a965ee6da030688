package org.yiwang.mpi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yiwang.mpi.matching.SyntheticResidents;
import org.yiwang.testing.SyntheticFebrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkageEvaluationTests {

    @TempDir
    Path directory;

    @Test
    void readsFebrlRecordsAndKeepsTheRecordNumberAsTruth() {
        LinkageEvaluation.Labelled labelled = LinkageEvaluation.readFebrl(List.of(SyntheticFebrl.HEADER,
                "rec-223-org, , waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 6988048",
                "rec-223-dup-0, , waler, 6, tullaroop street, willaroo, st james, 4011, wa, 19371233, 6988048"));
        assertThat(labelled.records()).hasSize(2);
        assertThat(labelled.truth()).containsExactly("223", "223");
        assertThat(labelled.records().get(1).birthDate()).isEqualTo("19371233");
        assertThat(labelled.records().get(0).extra("surname")).isEqualTo("waller");
        assertThat(labelled.records().get(0).idNumber()).isEqualTo("6988048");
    }

    @Test
    void readsChineseResidentsWithoutGivingTheEntityToTheMatcher() {
        LinkageEvaluation.Labelled labelled = LinkageEvaluation.readChineseResidents(List.of(
                "rec_id,entity_id,name,sex,birth_date,id_number,phone,address",
                "R1,P7,杨董磊,M,1978-12-24,510704197812240153,14806854050,"));
        assertThat(labelled.truth()).containsExactly("P7");
        assertThat(labelled.records().get(0).toString()).doesNotContain("P7");
        assertThat(List.of(labelled.records().get(0).name(), labelled.records().get(0).recordId(),
                labelled.records().get(0).address())).doesNotContain("P7");
    }

    @Test
    void rejectsFilesOfTheWrongShapeWithTheLineNumber() {
        assertThatThrownBy(() -> LinkageEvaluation.readChineseResidents(List.of("a,b"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> LinkageEvaluation.readFebrl(List.of(SyntheticFebrl.HEADER, "rec-1-org, x")))
                .hasMessageContaining("line 2").hasMessageContaining("11 fields");
        assertThatThrownBy(() -> LinkageEvaluation.Format.parse("csv")).hasMessageContaining("febrl or cn-resident");
    }

    @Test
    void countsTruePairsForDeduplicationAndLinkage() {
        assertThat(LinkageEvaluation.truePairs(List.of("1", "1", "1", "2", "3", "3"), null)).isEqualTo(4);
        assertThat(LinkageEvaluation.truePairs(List.of("1", "2"), List.of("1", "1", "3"))).isEqualTo(2);
    }

    @Test
    void deduplicatesASyntheticFebrlFile() throws Exception {
        Path file = directory.resolve("febrl.csv");
        Files.write(file, SyntheticFebrl.lines(600, 3), StandardCharsets.UTF_8);
        LinkageEvaluation.Report report = LinkageEvaluation.evaluate(new LinkageEvaluation.Request(
                LinkageEvaluation.Format.FEBRL, file, null, null, null, 500, Runnable::run));
        assertThat(report.truePairs()).isEqualTo(300);
        assertThat(report.blockingRecall()).isEqualTo(1.0);
        assertThat(report.f1()).isGreaterThanOrEqualTo(0.98);
        assertThat(report.summaryLine()).matches(
                "precision=\\d\\.\\d{4} recall=\\d\\.\\d{4} f1=\\d\\.\\d{4} review=\\d+ candidate_pairs=\\d+ seconds=\\d+\\.\\d");
    }

    @Test
    void linksAFebrlFileSplitInTwoWithTheSameTruth() throws Exception {
        List<String> lines = SyntheticFebrl.lines(600, 4);
        List<String> originals = new ArrayList<>(List.of(SyntheticFebrl.HEADER));
        List<String> duplicates = new ArrayList<>(List.of(SyntheticFebrl.HEADER));
        for (String line : lines.subList(1, lines.size())) {
            (line.contains("-dup-") ? duplicates : originals).add(line);
        }
        Path a = directory.resolve("a.csv");
        Path b = directory.resolve("b.csv");
        Files.write(a, originals, StandardCharsets.UTF_8);
        Files.write(b, duplicates, StandardCharsets.UTF_8);
        LinkageEvaluation.Report report = LinkageEvaluation.evaluate(new LinkageEvaluation.Request(
                LinkageEvaluation.Format.FEBRL, a, b, null, null, 500, Runnable::run));
        assertThat(report.records()).isEqualTo(900);
        assertThat(report.truePairs()).isEqualTo(300);
        assertThat(report.blockingRecall()).isEqualTo(1.0);
        assertThat(report.recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(report.precision()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void evaluatesSyntheticChineseResidentsAndListsNoFalseLinks() throws Exception {
        List<String> lines = new ArrayList<>(List.of("rec_id,entity_id,name,sex,birth_date,id_number,phone,address"));
        for (SyntheticResidents.Registration registration : SyntheticResidents.generate(1_500, 0.4, 21)) {
            var r = registration.record();
            lines.add(String.join(",", r.recordId(), "P" + registration.person(), r.name(), r.sex(), r.birthDate(),
                    r.idNumber(), r.phone(), r.address()));
        }
        Path file = directory.resolve("cn.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        LinkageEvaluation.Report report = LinkageEvaluation.evaluate(new LinkageEvaluation.Request(
                LinkageEvaluation.Format.CN_RESIDENT, file, null, null, null, 500, Runnable::run));
        assertThat(report.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(report.falseLinks()).hasSize((int) report.falsePositives());
        assertThat(report.rows()).extracting(LinkageEvaluation.ThresholdRow::threshold).isSorted();
    }

    @Test
    void refusesLinkageForTheChineseResidentFormat() {
        assertThatThrownBy(() -> new LinkageEvaluation.Request(LinkageEvaluation.Format.CN_RESIDENT, Path.of("a"),
                Path.of("b"), null, null, 500, Runnable::run)).hasMessageContaining("febrl format only");
    }
}
