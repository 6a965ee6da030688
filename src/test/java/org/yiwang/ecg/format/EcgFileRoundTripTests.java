package org.yiwang.ecg.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every intake format written by {@link EcgFiles#write} and read back by {@link EcgFiles#read} gives the same
 * samples, lead names, sampling rate and acquisition time, for a resting 12-lead ECG, a rhythm strip and a long
 * recording.
 */
class EcgFileRoundTripTests {

    private static final Instant ACQUIRED = Instant.parse("2026-11-23T01:02:03.250Z");

    private static final EcgRecording TWELVE_LEAD = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 10, 72)
            .withGaussianNoise(15).withBaselineWander(80), 11).recording();
    private static final EcgRecording RHYTHM_STRIP = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 30, 95)
            .withLeads(List.of("II", "V1")).withAtrialFibrillation(0.25), 12).recording();
    /** 1 h, 2 leads at 250 Hz: 900,000 samples per lead. */
    private static final EcgRecording LONG = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 3600, 64)
            .withLeads(List.of("II", "V5")).withVentricularEctopics(0.05), 13).recording();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (EcgSourceFormat format : EcgSourceFormat.values()) {
            cases.add(Arguments.of(format, "12-lead 10 s 500 Hz", TWELVE_LEAD, Optional.of(ACQUIRED)));
            cases.add(Arguments.of(format, "2-lead rhythm strip 30 s 250 Hz", RHYTHM_STRIP, Optional.empty()));
            cases.add(Arguments.of(format, "2-lead 1 h 250 Hz", LONG, Optional.of(ACQUIRED)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void writtenFilesReadBackToTheSameRecording(EcgSourceFormat format, String what, EcgRecording recording,
            Optional<Instant> acquired) throws EcgFormatException {
        List<EcgFile> files = EcgFiles.write(format, recording, acquired, "ecg-1", ZoneOffset.ofHours(8));

        DecodedEcg decoded = EcgFiles.read(files, EcgFileLimits.DEFAULT);

        assertThat(decoded.format()).isEqualTo(format);
        EcgRecording read = decoded.recording();
        assertThat(read.leadNames()).isEqualTo(recording.leadNames());
        assertThat(read.samplingRateHz()).isEqualTo(recording.samplingRateHz());
        assertThat(read.sampleCount()).isEqualTo(recording.sampleCount());
        for (int lead = 0; lead < recording.leadCount(); lead++) {
            assertThat(read.leadMicrovolts(lead)).as("lead %s", recording.leadName(lead))
                    .isEqualTo(recording.leadMicrovolts(lead));
        }
        assertThat(decoded.acquiredAt()).isEqualTo(acquired);
        assertThat(decoded.sourceFiles()).isEqualTo(files.stream().map(EcgFile::name).toList());
    }
}
