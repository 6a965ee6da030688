package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MitAnnotationsTests {

    @TempDir
    Path dir;

    @Test
    void roundTripsBeatsRhythmChangesLongGapsAndModifierFields() throws IOException {
        List<Annotation> annotations = List.of(
                new Annotation(18, AnnotationCodes.RHYTHM, 0, 0, 0, "(N"),
                Annotation.of(77, 'N'),
                new Annotation(370, AnnotationCodes.code('V'), 0, 1, 0, ""),
                new Annotation(370 + 5_000_000L, AnnotationCodes.RHYTHM, 0, 1, 0, "(AFIB"),
                new Annotation(5_000_400L, AnnotationCodes.code('N'), 3, 0, -2, ""),
                new Annotation(5_000_400L, AnnotationCodes.code('p'), 0, 0, -2, "x"));
        Path file = dir.resolve("r.atr");
        MitAnnotations.write(file, annotations);

        List<Annotation> read = MitAnnotations.read(file);

        assertThat(read).isEqualTo(annotations);
        assertThat(read.get(3).mnemonic()).isEqualTo('+');
        assertThat(read.get(2).isBeat()).isTrue();
        assertThat(read.get(0).isBeat()).isFalse();
    }

    @Test
    void readsPerLeadDelineationFilesWithWaveOnsetsAndOffsets() throws IOException {
        List<Annotation> waves = new ArrayList<>();
        for (int beat = 0; beat < 10; beat++) {
            int r = 400 + beat * 450;
            waves.add(Annotation.of(r - 130, '('));
            waves.add(Annotation.of(r - 100, 'p'));
            waves.add(Annotation.of(r - 70, ')'));
            waves.add(Annotation.of(r - 20, '('));
            waves.add(Annotation.of(r, 'N'));
            waves.add(Annotation.of(r + 25, ')'));
            waves.add(Annotation.of(r + 150, '('));
            waves.add(Annotation.of(r + 220, 't'));
            waves.add(Annotation.of(r + 300, ')'));
        }
        MitAnnotations.write(dir.resolve("1.ii"), waves);

        List<Annotation> read = MitAnnotations.read(dir.resolve("1.ii"));

        assertThat(read).isEqualTo(waves);
        assertThat(read.stream().filter(Annotation::isBeat).count()).isEqualTo(10);
    }

    @Test
    void acceptsAFileWithoutTheEndWord() throws IOException {
        byte[] encoded = MitAnnotations.encode(List.of(Annotation.of(10, 'N'), Annotation.of(300, 'N')));
        byte[] withoutEnd = Arrays.copyOf(encoded, encoded.length - 2);

        assertThat(MitAnnotations.parse(withoutEnd, "x.atr")).hasSize(2);
    }

    @Test
    void namesTheByteOfTruncatedOrMalformedAnnotations() {
        byte[] auxTooLong = {(byte) 10, (byte) (1 << 2), (byte) 8, (byte) (63 << 2), 'a', 'b'};
        assertThatThrownBy(() -> MitAnnotations.parse(auxTooLong, "a.atr")).isInstanceOf(WfdbFormatException.class)
                .hasMessage("a.atr: AUX at byte 2 declares 8 bytes but only 2 remain");

        byte[] shortSkip = {0, (byte) (59 << 2), 1, 0};
        assertThatThrownBy(() -> MitAnnotations.parse(shortSkip, "s.atr"))
                .hasMessage("s.atr: SKIP at byte 0 lacks its 4-byte interval");

        byte[] orphanAux = {2, (byte) (63 << 2), 'a', 'b'};
        assertThatThrownBy(() -> MitAnnotations.parse(orphanAux, "o.atr"))
                .hasMessage("o.atr: AUX at byte 0 follows no annotation");

        byte[] oddLength = {10, 4, 7};
        assertThatThrownBy(() -> MitAnnotations.parse(oddLength, "h.atr")).hasMessageContaining("odd length 3");

        byte[] unknownType = {1, (byte) (55 << 2)};
        assertThatThrownBy(() -> MitAnnotations.parse(unknownType, "u.atr"))
                .hasMessageContaining("type 55 at byte 0");
    }

    @Test
    void randomBytesAreEitherReadOrRejectedWithAFormatException() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bytes = new byte[random.nextInt(0, 64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            try {
                MitAnnotations.parse(bytes, "fuzz.atr");
            } catch (WfdbFormatException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz.atr: ");
            }
        }
    }

    @Test
    void countsOnlyTheAamiBeatLabelsAsBeats() {
        String beats = "NLRBAaJSVrFejnE/fQ";
        for (char c : beats.toCharArray()) {
            assertThat(AnnotationCodes.isBeat(AnnotationCodes.code(c))).as("%s", c).isTrue();
        }
        for (char c : "~|+!x[]\"pt()".toCharArray()) {
            assertThat(AnnotationCodes.isBeat(AnnotationCodes.code(c))).as("%s", c).isFalse();
        }
    }
}
