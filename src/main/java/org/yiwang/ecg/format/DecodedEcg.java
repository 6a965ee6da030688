package org.yiwang.ecg.format;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * An upload decoded by {@link EcgFiles#read}.
 *
 * @param format              the format detected
 * @param recording           the samples in microvolts, canonical lead names
 * @param acquiredAt          acquisition start as the file states it (WFDB base time and date, aECG
 *                            {@code effectiveTime}, FHIR {@code effectiveDateTime}/{@code effectivePeriod.start}, CSV
 *                            comment {@code # acquiredAt=}); local times without offset are read in the zone given
 *                            to {@code read}
 * @param deviceOrPatientHint free text the file carries about the device or subject (WFDB header comments, aECG
 *                            device model and subject id, FHIR device/subject display or reference, CSV comment
 *                            {@code # device=}); only a hint for the person filing the upload, never an identity
 * @param annotations         WFDB {@code <record>.atr} annotations when uploaded, else empty
 * @param sourceFiles         the names of the files used
 */
public record DecodedEcg(EcgSourceFormat format, EcgRecording recording, Optional<Instant> acquiredAt,
        Optional<String> deviceOrPatientHint, List<Annotation> annotations, List<String> sourceFiles) {

    public DecodedEcg {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(deviceOrPatientHint, "deviceOrPatientHint");
        annotations = List.copyOf(annotations);
        sourceFiles = List.copyOf(sourceFiles);
    }
}
