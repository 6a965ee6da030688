package org.yiwang.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbRecord;
import org.yiwang.ecg.format.WfdbSignalFormat;
import org.yiwang.ecg.format.WfdbWriter;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class EcgEvalCommandIntegrationTests {

    private final EcgEvalCommand command;

    @TempDir
    Path dir;

    @Autowired
    EcgEvalCommandIntegrationTests(EcgEvalCommand command) {
        this.command = command;
    }

    private String run(List<String> args, int expectedExit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scoresSyntheticReferenceRecordsWithALinePerRecordAndTheGrossLine() throws Exception {
        SyntheticEcgSpec base = SyntheticEcgSpec.sinus(360, 400, 70).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(15);
        write("r1", base, 1);
        write("r2", base.withAtrialFibrillation(0.25).withBaselineWander(400), 2);
        write("r3", base.withVentricularEctopics(0.15).withPowerline(50, 80), 3);

        String output = run(List.of("--qrs", dir.toString(), "--spring.main.banner-mode=off"), 0);

        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).matches("r1 TP=\\d+ FN=\\d+ FP=\\d+ Se=\\d+\\.\\d\\d \\+P=\\d+\\.\\d\\d withheld_s=\\d+ "
                + "outside_withheld: FN=\\d+ FP=\\d+ Se=\\d+\\.\\d\\d \\+P=\\d+\\.\\d\\d");
        assertThat(lines.get(2)).startsWith("r3 ");
        assertThat(lines.get(3)).startsWith("outside withheld stretches Se=");
        assertThat(lines.get(4)).startsWith("withheld ");
        assertThat(lines.get(5)).matches("gross Se=(99\\.[89]\\d|100\\.00) \\+P=(99\\.[89]\\d|100\\.00) beats=\\d+ "
                + "seconds=\\d+\\.\\d\\d xrealtime=\\d+");
    }

    @Test
    void printsUsageForAnUnknownModeAndAnErrorForAnEmptyDirectory() throws Exception {
        assertThat(run(List.of("--nonsense", dir.toString()), 2)).contains("Usage: java -jar yiwang.jar ecg-eval --qrs DIR");
        assertThat(run(List.of("--qrs", dir.toString()), 1)).contains("no WFDB record with a .atr reference");
    }

    private void write(String name, SyntheticEcgSpec spec, long seed) throws Exception {
        SyntheticEcg ecg = SyntheticEcg.generate(spec, seed);
        WfdbWriter.write(dir, WfdbRecord.fromRecording(ecg.recording(), name, WfdbSignalFormat.FORMAT_212, 200));
        List<Annotation> beats = new ArrayList<>();
        for (int beat = 0; beat < ecg.beats().count(); beat++) {
            beats.add(Annotation.of(ecg.beats().sampleIndex(beat), ecg.beatKinds().charAt(beat)));
        }
        MitAnnotations.write(dir.resolve(name + ".atr"), beats);
        assertThat(Files.exists(dir.resolve(name + ".hea"))).isTrue();
    }
}
