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
import org.yiwang.ecg.EcgEvaluation;
import org.yiwang.ecg.EcgRhythmEvaluation;
import org.yiwang.ecg.VentricularEvaluation;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbRecord;
import org.yiwang.ecg.format.WfdbSignalFormat;
import org.yiwang.ecg.format.WfdbWriter;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.Waveforms;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ecg-eval --af}, {@code --ventricular} and {@code --ludb} on synthetic directories in the CinC 2017 and LUDB layouts. */
class EcgEvalRhythmModesTests {

    @TempDir
    Path dir;

    // --af-episodes runs the pre-analysis with the application's settings: EcgEvalCommandIntegrationTests
    private final EcgEvalCommand command = new EcgEvalCommand(new EcgEvaluation(), new EcgRhythmEvaluation(), null,
            new VentricularEvaluation());

    private String run(List<String> args, int expectedExit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ventricularModePrintsALinePerRecordAndEndsWithTheTotals() throws Exception {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 60, 70).withLeads(List.of("MLII", "V1"))
                .withVentricularEctopics(0.1), 5);
        WfdbWriter.write(dir, WfdbRecord.fromRecording(ecg.recording(), "pvc", WfdbSignalFormat.FORMAT_212, 200));
        List<Annotation> beats = new ArrayList<>();
        for (int beat = 0; beat < ecg.beats().count(); beat++) {
            beats.add(Annotation.of(ecg.beats().sampleIndex(beat), ecg.beatKinds().charAt(beat)));
        }
        MitAnnotations.write(dir.resolve("pvc.atr"), beats);

        List<String> lines = run(List.of("--ventricular", dir.toString()), 0).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("pvc veb TP=").contains("vt_runs found=0/0", "false=0");
        assertThat(lines.get(1)).matches("ventricular veb Se=\\d+\\.\\d\\d \\+P=\\d+\\.\\d\\d \\(TP=\\d+ FN=\\d+ FP=\\d+, "
                + "on fusion 0, on no beat \\d+\\) vt_runs found=0/0 slow_runs_called=0/0 false_runs=0 of 0 "
                + "seconds=\\d+\\.\\d recording_s=60");
    }

    @Test
    void afModePrintsEveryClassAndEndsWithTheAfLine() throws Exception {
        List<String> reference = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean af = i % 2 == 0;
            SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(300, 30, af ? 95 : 70).withLeads(List.of("ECG"))
                    .withGaussianNoise(10);
            if (af) {
                spec = spec.withAtrialFibrillation(0.25);
            }
            String name = String.format("S%04d", i);
            EcgRecording recording = SyntheticEcg.generate(spec, i).recording();
            WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, name, WfdbSignalFormat.FORMAT_16, 1000));
            reference.add(name + "," + (af ? "A" : "N"));
        }
        Files.write(dir.resolve("REFERENCE.csv"), reference);

        List<String> lines = run(List.of("--af", dir.toString()), 0).lines().toList();

        assertThat(lines.get(0)).matches("class A records=5 called_af=\\d rhythm=\\{.*\\}");
        assertThat(lines.get(1)).matches("class N records=5 called_af=\\d rhythm=\\{.*\\}");
        assertThat(lines).anyMatch(l -> l.matches("af-cv5 \\(model refitted per fold\\) Se=.*"));
        assertThat(lines.getLast()).matches("af Se=\\d+\\.\\d\\d Sp=\\d+\\.\\d\\d F1=\\d\\.\\d{3}");
        assertThat(lines.getLast()).isEqualTo("af Se=100.00 Sp=100.00 F1=1.000");
    }

    @Test
    void networkInputModeWritesEveryRecordsNetworkInputInNameOrderForTraining() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        List<String> reference = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(300, 10 + 10 * i, 70).withLeads(List.of("ECG"));
            String name = String.format("S%04d", 2 - i);
            EcgRecording recording = SyntheticEcg.generate(spec, i).recording();
            WfdbWriter.write(records, WfdbRecord.fromRecording(recording, name, WfdbSignalFormat.FORMAT_16, 1000));
            reference.add(name + "," + (i == 0 ? "A" : "N"));
        }
        Files.write(records.resolve("REFERENCE.csv"), reference);
        Path out = dir.resolve("input");

        assertThat(run(List.of("--af-network-input", records.toString(), out.toString()), 0))
                .contains("af-network-input inputs=3");

        assertThat(Files.readAllLines(out.resolve("index.csv"))).containsExactly("name,label,offset,samples",
                "S0000,N,0,4500", "S0001,N,4500,3000", "S0002,A,7500,1500");
        assertThat(Files.size(out.resolve("inputs.f32"))).isEqualTo(9000L * 4);
    }

    @Test
    void networkInputModeNamesAMissingReferenceFileAndWritesNothing() throws Exception {
        Path out = dir.resolve("input");
        assertThat(run(List.of("--af-network-input", dir.toString(), out.toString()), 1))
                .contains("ecg-eval: no REFERENCE.csv and no WFDB record with a .atr reference annotation file");
        assertThat(out).doesNotExist();
    }

    @Test
    void networkInputModeCutsAnnotatedRecordsIntoHalfOverlappingWindowsOfEveryLeadLabelledByTheirRhythm()
            throws Exception {
        // 120 s at 100 Hz: sinus to 45 s, fibrillation 45-75 s, bigeminy after
        EcgRecording recording = SyntheticEcg.generate(SyntheticEcgSpec.sinus(100, 120, 70)
                .withLeads(List.of("MLII", "V1")), 1).recording();
        WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, "r1", WfdbSignalFormat.FORMAT_212, 200));
        MitAnnotations.write(dir.resolve("r1.atr"), List.of(rhythm(0, "(N"), rhythm(4500, "(AFIB"),
                rhythm(7500, "(B")));
        Path out = dir.resolve("input");

        assertThat(run(List.of("--af-network-input", dir.toString(), out.toString()), 0))
                .contains("af-network-input inputs=10");

        // windows at 0, 15, ... 90 s; those at 30 and 60 s are partly fibrillation and left out
        assertThat(Files.readAllLines(out.resolve("index.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)))).containsExactly(
                "r1_MLII_0,N", "r1_V1_0,N", "r1_MLII_15,N", "r1_V1_15,N", "r1_MLII_45,A", "r1_V1_45,A",
                "r1_MLII_75,O", "r1_V1_75,O", "r1_MLII_90,O", "r1_V1_90,O");
        // each window is a 30 s input at 150 samples/s
        List<Integer> samples = Files.readAllLines(out.resolve("index.csv")).stream().skip(1)
                .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))).distinct().toList();
        assertThat(samples).singleElement().satisfies(n -> assertThat(n).isBetween(4499, 4500));
        assertThat(Files.size(out.resolve("inputs.f32"))).isEqualTo(10L * samples.getFirst() * 4);
    }

    @Test
    void networkInputModeWritesNothingWhenARecordCannotBeRead() throws Exception {
        EcgRecording recording = SyntheticEcg.generate(SyntheticEcgSpec.sinus(100, 60, 70)
                .withLeads(List.of("MLII")), 1).recording();
        WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, "r1", WfdbSignalFormat.FORMAT_16, 200));
        MitAnnotations.write(dir.resolve("r1.atr"), List.of(rhythm(0, "(N")));
        WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, "r2", WfdbSignalFormat.FORMAT_16, 200));
        MitAnnotations.write(dir.resolve("r2.atr"), List.of(rhythm(0, "(N")));
        Files.write(dir.resolve("r2.dat"), new byte[100]); // truncated after r1 was written
        Path out = dir.resolve("input");

        assertThat(run(List.of("--af-network-input", dir.toString(), out.toString()), 1))
                .contains("ecg-eval: r2.dat");
        assertThat(out).doesNotExist();
    }

    private static Annotation rhythm(long sample, String aux) {
        return new Annotation(sample, AnnotationCodes.RHYTHM, 0, 0, 0, aux);
    }

    @Test
    void afModeNeedsAReferenceFile() throws Exception {
        assertThat(run(List.of("--af", dir.toString()), 1)).contains("no REFERENCE.csv");
    }

    @Test
    void ludbModeComparesTheDelineationWithPerLeadAnnotations() throws Exception {
        double fs = 500;
        Waveforms w = new Waveforms(fs, 10_000, 1).normalBeats(Waveforms.regularBeats(70, 10_000), true).realisticNoise();
        EcgRecording recording = EcgRecording.of(fs, Waveforms.LEADS, w.microvolts());
        WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, "1", WfdbSignalFormat.FORMAT_16, 1000));
        for (String lead : List.of("i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6")) {
            List<Annotation> annotations = new ArrayList<>();
            for (double r : w.beatTimesMs()) {
                wave(annotations, fs, r + Waveforms.TRUE_P_ONSET_MS, r + Waveforms.P_CENTRE_MS,
                        r + Waveforms.P_CENTRE_MS + 2 * Waveforms.P_SIGMA_MS, 'p');
                wave(annotations, fs, r + Waveforms.TRUE_QRS_ONSET_MS, r, r + Waveforms.TRUE_QRS_OFFSET_MS, 'N');
                wave(annotations, fs, r + 120, r + Waveforms.T_CENTRE_MS, r + Waveforms.TRUE_T_END_MS, 't');
            }
            MitAnnotations.write(dir.resolve("1." + lead), annotations);
        }

        List<String> lines = run(List.of("--ludb", dir.toString()), 0).lines().toList();

        int beats = w.beatTimesMs().length;
        assertThat(lines.getFirst()).isEqualTo("ludb records=1 reference_qrs=" + beats + " matched=" + beats);
        assertThat(lines).hasSize(15);
        for (String line : lines.subList(1, 15)) {
            double mae = Double.parseDouble(line.replaceAll(".*mae=([-0-9.]+) ms", "$1"));
            assertThat(mae).as(line).isLessThan(25);
        }
    }

    @Test
    void ludbAfModeScoresAfCallsAgainstEachHeadersRhythmDiagnosisWithAndWithoutTheNetwork() throws Exception {
        String[][] records = { { "1", "Sinus rhythm." }, { "2", "Atrial fibrillation." }, { "3", "Sinus rhythm." } };
        for (int i = 0; i < records.length; i++) {
            boolean af = records[i][1].startsWith("Atrial");
            SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(500, 10, af ? 110 : 70).withGaussianNoise(10);
            if (af) {
                spec = spec.withAtrialFibrillation(0.25);
            }
            EcgRecording recording = SyntheticEcg.generate(spec, i).recording();
            WfdbWriter.write(dir, WfdbRecord.fromRecording(recording, records[i][0], WfdbSignalFormat.FORMAT_16, 1000));
            Files.writeString(dir.resolve(records[i][0] + ".hea"), "#<diagnoses>:\n#Rhythm: " + records[i][1] + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }

        List<String> lines = run(List.of("--ludb-af", dir.toString()), 0).lines().toList();

        assertThat(lines.getFirst()).startsWith("2 rhythm=\"Atrial fibrillation.\" with_network=ATRIAL_FIBRILLATION");
        assertThat(lines.getLast()).isEqualTo(
                "ludb-af records=3 with_network TP=1 FN=0 FP=0 TN=2; rr_alone TP=1 FN=0 FP=0 TN=2");
    }

    @Test
    void ludbAfModeNeedsRhythmDiagnoses() throws Exception {
        assertThat(run(List.of("--ludb-af", dir.toString()), 1)).contains("no LUDB header with a #Rhythm: diagnosis");
    }

    private static void wave(List<Annotation> annotations, double fs, double onsetMs, double peakMs, double offsetMs,
            char kind) {
        annotations.add(Annotation.of(Math.round(onsetMs * fs / 1000), '('));
        annotations.add(Annotation.of(Math.round(peakMs * fs / 1000), kind));
        annotations.add(Annotation.of(Math.round(offsetMs * fs / 1000), ')'));
    }
}
