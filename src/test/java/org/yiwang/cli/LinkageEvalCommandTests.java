package org.yiwang.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yiwang.testing.SyntheticFebrl;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code linkage-eval} output: a threshold table and one final summary line. */
class LinkageEvalCommandTests {

    @TempDir
    Path directory;

    private final LinkageEvalCommand command = new LinkageEvalCommand();

    private String run(List<String> args, int expectedStatus) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(command.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo(expectedStatus);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsThresholdTableAndEndsWithTheSummaryLine() throws Exception {
        Path file = directory.resolve("febrl.csv");
        Files.write(file, SyntheticFebrl.lines(400, 8), StandardCharsets.UTF_8);

        String output = run(List.of("--format", "febrl", "--input", file.toString(), "--auto-link", "0.999"), 0);

        List<String> lines = output.lines().toList();
        assertThat(lines.getFirst()).startsWith("linkage-eval profile=febrl mode=deduplication records=600");
        assertThat(output).contains("pair_completeness=1.0000").contains("auto-link threshold  predicted links")
                .contains("<- auto-link").contains("true_pairs=200");
        assertThat(lines.stream().filter(l -> l.startsWith("0.999 ")).findFirst()).isPresent();
        assertThat(lines.getLast()).matches(
                "precision=\\d\\.\\d{4} recall=\\d\\.\\d{4} f1=\\d\\.\\d{4} review=\\d+ candidate_pairs=\\d+ seconds=\\d+\\.\\d");
    }

    @Test
    void explainsBadArgumentsWithExitStatusTwo() throws Exception {
        assertThat(run(List.of("--format", "xml", "--input", "x"), 2)).contains("unknown format 'xml'")
                .contains("usage: linkage-eval");
        assertThat(run(List.of("--format", "febrl"), 2)).contains("--input is required");
        assertThat(run(List.of("--format", "febrl", "--input", "x", "--auto-link", "2"), 2))
                .contains("--auto-link must be a probability");
        assertThat(run(List.of("--format", "febrl", "--input", directory.resolve("missing.csv").toString()), 2))
                .contains("no such file");
    }
}
