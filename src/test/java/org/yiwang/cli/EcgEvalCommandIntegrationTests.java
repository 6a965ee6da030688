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
import org.yiwang.ecg.format.AnnotationCodes;
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
    void scoresTheHolterAfEpisodeSearchAgainstReferenceRhythmIntervalsWithFlutterApart() throws Exception {
        // 200 s sinus, 120 s AF across the 300-s analysis segment boundary, 100 s sinus: reference (AFIB from 200 to 320 s
        SyntheticEcg paroxysm = holter(200, false, 1).followedBy(holter(120, true, 2)).followedBy(holter(100, false, 3));
        writeWithRhythms("h1", paroxysm, List.of(rhythm(0, "(N"), rhythm(200, "(AFIB"), rhythm(320, "(N")));
        // 180 s of sinus rhythm: nothing to find
        writeWithRhythms("h2", holter(180, false, 4), List.of(rhythm(0, "(N")));
        // the same kind of irregular rhythm, annotated as flutter from 100 to 190 s: not false AF time
        SyntheticEcg flutter = holter(100, false, 5).followedBy(holter(90, true, 6)).followedBy(holter(60, false, 7));
        writeWithRhythms("h3", flutter, List.of(rhythm(0, "(N"), rhythm(100, "(AFL"), rhythm(190, "(N")));

        String output = run(List.of("--af-episodes", dir.toString(), "--spring.main.banner-mode=off"), 0);

        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(6);
        String number = "(\\d+\\.\\d)";
        java.util.regex.Matcher h1 = java.util.regex.Pattern.compile("h1 ref_af_s=" + number + " detected_af_s=" + number
                + " overlap_s=" + number + " false_af_s=" + number + " ref_afl_s=0\\.0 detected_in_afl_s=0\\.0 "
                + "episodes ref=1 detected=1 ref_found=1 detected_true=1").matcher(lines.get(0));
        assertThat(h1.matches()).as(lines.get(0)).isTrue();
        assertThat(Double.parseDouble(h1.group(1))).isEqualTo(120.0);
        // found within a few beats at either end
        assertThat(Double.parseDouble(h1.group(3))).isGreaterThan(110);
        assertThat(Double.parseDouble(h1.group(4))).isLessThan(10);
        assertThat(lines.get(1)).startsWith("h2 ref_af_s=0.0 detected_af_s=0.0 overlap_s=0.0 false_af_s=0.0 ");
        assertThat(lines.get(2)).startsWith("h3 ref_af_s=0.0 ").contains(" ref_afl_s=90.0 ")
                .contains("episodes ref=0 detected=1 ref_found=0 detected_true=0");
        assertThat(lines.get(3)).startsWith("afl (scored apart): ref_afl_s=90.0 ")
                .contains("detected_episodes_in_afl_only=1");
        assertThat(lines.get(4)).startsWith("whole records scored (first 5 min not excluded): ref_af_s=120.0 ");
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("af-episodes duration Se=(\\d+\\.\\d\\d) "
                + "\\+P=(\\d+\\.\\d\\d) episodes Se=100\\.00 \\+P=50\\.00 false_af_s=(\\d+\\.\\d) records=3")
                .matcher(lines.get(5));
        assertThat(total.matches()).as(lines.get(5)).isTrue();
        assertThat(Double.parseDouble(total.group(1))).isGreaterThan(90);
        // the flutter record's detection counts against +P, not as false AF time
        assertThat(Double.parseDouble(total.group(2))).isLessThan(70);
        assertThat(Double.parseDouble(total.group(3))).isLessThan(20);
    }

    @Test
    void printsUsageForAnUnknownModeAndAnErrorForAnEmptyDirectory() throws Exception {
        assertThat(run(List.of("--nonsense", dir.toString()), 2)).contains("Usage: java -jar yiwang.jar ecg-eval --qrs DIR");
        assertThat(run(List.of("--qrs", dir.toString()), 1)).contains("no WFDB record with a .atr reference");
        assertThat(run(List.of("--af-episodes", dir.toString()), 1)).contains("no WFDB record with a .atr reference");
    }

    private static SyntheticEcg holter(double seconds, boolean fibrillation, long seed) {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(250, seconds, fibrillation ? 100 : 70)
                .withLeads(List.of("MLII", "V1")).withGaussianNoise(12);
        return SyntheticEcg.generate(fibrillation ? spec.withAtrialFibrillation(0.2) : spec.withRrVariability(0.04),
                seed);
    }

    private static Annotation rhythm(double seconds, String aux) {
        return new Annotation(Math.round(seconds * 250), AnnotationCodes.RHYTHM, 0, 0, 0, aux);
    }

    /** The record with its beats and rhythm changes in its .atr, as MIT-BIH records have them. */
    private void writeWithRhythms(String name, SyntheticEcg ecg, List<Annotation> rhythms) throws Exception {
        WfdbWriter.write(dir, WfdbRecord.fromRecording(ecg.recording(), name, WfdbSignalFormat.FORMAT_212, 200));
        List<Annotation> annotations = new ArrayList<>(rhythms);
        for (int beat = 0; beat < ecg.beats().count(); beat++) {
            annotations.add(Annotation.of(ecg.beats().sampleIndex(beat), ecg.beatKinds().charAt(beat)));
        }
        annotations.sort(java.util.Comparator.comparingLong(Annotation::sample));
        MitAnnotations.write(dir.resolve(name + ".atr"), annotations);
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
