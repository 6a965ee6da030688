package org.yiwang.ecg.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * The one entry point for intake: decodes the files of one upload, whatever the format, into a {@link DecodedEcg},
 * or fails with an {@link EcgFormatException} whose {@link EcgFormatProblem} names what is wrong.
 *
 * <p>Format detection: a {@code .hea} among the files means WFDB (the header names its signal files; an optional
 * {@code <record>.atr} is read as annotations; any other file is refused). Otherwise exactly one file is expected,
 * recognised by its extension ({@code .xml} aECG, {@code .json} FHIR, {@code .csv}/{@code .tsv}/{@code .txt} CSV)
 * or, failing that, by its first character ({@code <} XML, <code>{</code> JSON, other text CSV).
 */
public final class EcgFiles {

    /** China Standard Time (no daylight saving): the zone of local acquisition times in the county's files. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.ofHours(8);

    private EcgFiles() {
    }

    /** Reads local times without offset in {@link #DEFAULT_ZONE}. */
    public static DecodedEcg read(List<EcgFile> files, EcgFileLimits limits) throws EcgFormatException {
        return read(files, limits, DEFAULT_ZONE);
    }

    public static DecodedEcg read(List<EcgFile> files, EcgFileLimits limits, ZoneId zone) throws EcgFormatException {
        if (files.isEmpty()) {
            throw new EcgFormatException(EcgFormatProblem.UNRECOGNISED_FORMAT, "no file uploaded", "-");
        }
        long bytes = 0;
        for (EcgFile file : files) {
            bytes += file.content().length;
        }
        limits.checkBytes(bytes);
        List<EcgFile> headers = files.stream().filter(f -> f.extension().equals("hea")).toList();
        if (headers.size() > 1) {
            throw new EcgFormatException(EcgFormatProblem.UNEXPECTED_FILES, "more than one WFDB header: "
                    + names(headers) + "; upload one record at a time", names(headers));
        }
        if (headers.size() == 1) {
            return readWfdb(headers.get(0), files, limits, zone);
        }
        List<EcgFile> wfdbParts = files.stream().filter(f -> Set.of("dat", "atr", "mat").contains(f.extension()))
                .toList();
        if (!wfdbParts.isEmpty()) {
            throw new EcgFormatException(EcgFormatProblem.MISSING_HEADER, "WFDB files " + names(wfdbParts)
                    + " need their .hea header", names(wfdbParts));
        }
        if (files.size() > 1) {
            throw new EcgFormatException(EcgFormatProblem.UNEXPECTED_FILES, "expected one file (or a WFDB .hea with "
                    + "its signal files), got " + names(files), names(files));
        }
        EcgFile file = files.get(0);
        EcgSourceFormat format = detect(file);
        return switch (format) {
            case HL7_AECG -> AecgReader.read(file, limits, zone);
            case FHIR_SAMPLED_DATA -> FhirEcgReader.read(file, limits, zone);
            case CSV -> CsvEcgReader.read(file, limits, zone);
            case WFDB -> throw new IllegalStateException("WFDB is recognised by its .hea");
        };
    }

    /** The format of a single (non-WFDB) file, from its extension or its first character. */
    static EcgSourceFormat detect(EcgFile file) throws EcgFormatException {
        switch (file.extension()) {
            case "xml":
                return EcgSourceFormat.HL7_AECG;
            case "json":
                return EcgSourceFormat.FHIR_SAMPLED_DATA;
            case "csv", "tsv", "txt":
                return EcgSourceFormat.CSV;
            default:
                break;
        }
        byte[] c = file.content();
        int p = c.length >= 3 && (c[0] & 0xFF) == 0xEF && (c[1] & 0xFF) == 0xBB && (c[2] & 0xFF) == 0xBF ? 3 : 0;
        while (p < c.length && (c[p] == ' ' || c[p] == '\t' || c[p] == '\r' || c[p] == '\n')) {
            p++;
        }
        if (p < c.length && c[p] == '<') {
            return EcgSourceFormat.HL7_AECG;
        }
        if (p < c.length && c[p] == '{') {
            return EcgSourceFormat.FHIR_SAMPLED_DATA;
        }
        int end = Math.min(c.length, 4096);
        for (int i = p; i < end; i++) {
            if (c[i] == 0) {
                throw new EcgFormatException(EcgFormatProblem.UNRECOGNISED_FORMAT, file.name()
                        + " is binary and not WFDB (no .hea), HL7 aECG, FHIR or CSV", file.name());
            }
        }
        if (p == c.length) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, file.name() + " is empty", file.name());
        }
        return EcgSourceFormat.CSV;
    }

    private static DecodedEcg readWfdb(EcgFile header, List<EcgFile> files, EcgFileLimits limits, ZoneId zone)
            throws EcgFormatException {
        String recordName = header.name().substring(0, header.name().length() - 4);
        WfdbHeader parsed = WfdbHeader.parse(new String(header.content(), java.nio.charset.StandardCharsets
                .ISO_8859_1), header.name());
        Set<String> expected = new LinkedHashSet<>();
        parsed.signals().forEach(s -> expected.add(s.fileName()));
        String annotationName = recordName + ".atr";
        Map<String, byte[]> signalFiles = new HashMap<>();
        EcgFile annotationFile = null;
        List<EcgFile> unexpected = new ArrayList<>();
        for (EcgFile file : files) {
            if (file == header) {
                continue;
            }
            if (expected.contains(file.name())) {
                if (signalFiles.put(file.name(), file.content()) != null) {
                    unexpected.add(file);
                }
            } else if (file.name().equals(annotationName) && annotationFile == null) {
                annotationFile = file;
            } else {
                unexpected.add(file);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new EcgFormatException(EcgFormatProblem.UNEXPECTED_FILES, names(unexpected) + " are not part of "
                    + "WFDB record " + recordName + " (its header names " + String.join(", ", expected)
                    + "; annotations are read from " + annotationName + ")", names(unexpected));
        }
        WfdbRecord record = WfdbReader.read(header.name(), header.content(), signalFiles,
                WfdbReader.Checks.INITIAL_VALUE_AND_CHECKSUM, limits);
        if (record.sampleCount() == 0) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, header.name() + ": the record holds no sample",
                    header.name());
        }
        List<Annotation> annotations = annotationFile == null ? List.of()
                : MitAnnotations.parse(annotationFile.content(), annotationFile.name());
        List<String> used = new ArrayList<>();
        used.add(header.name());
        used.addAll(expected);
        if (annotationFile != null) {
            used.add(annotationFile.name());
        }
        Optional<Instant> acquired = Optional.ofNullable(parsed.baseTime()).map(t -> t.atZone(zone).toInstant());
        Optional<String> hint = parsed.comments().isEmpty() ? Optional.empty()
                : Optional.of(clip(String.join("; ", parsed.comments())));
        return new DecodedEcg(EcgSourceFormat.WFDB, record.toRecording(), acquired, hint, annotations, used);
    }

    /**
     * A WFDB upload opened for block-by-block decoding (see {@link WfdbBlockReader}): what {@link #read} gives for
     * WFDB, with a reader in place of the samples.
     */
    public record StreamedWfdb(WfdbBlockReader reader, Optional<Instant> acquiredAt,
            Optional<String> deviceOrPatientHint, List<Annotation> annotations, List<String> sourceFiles) {
    }

    /** Loads a small file of the upload (the annotations) by name. */
    @FunctionalInterface
    public interface SmallFile {
        byte[] load(String name);
    }

    /**
     * Opens a WFDB upload for streaming: the same checks as {@link #read} (files that belong to the record, sizes and
     * limits, header), then a reader over the signal files. {@code fileSizes} names every file of the upload but the
     * header, with its size; the annotation file, if any, is loaded whole.
     */
    public static StreamedWfdb openWfdb(EcgFile header, Map<String, Long> fileSizes, SmallFile annotationLoader,
            WfdbBlockReader.SignalFiles signals, EcgFileLimits limits, ZoneId zone)
            throws EcgFormatException, java.io.IOException {
        long bytes = header.content().length;
        for (long size : fileSizes.values()) {
            bytes += size;
        }
        limits.checkBytes(bytes);
        String recordName = header.name().substring(0, header.name().length() - 4);
        WfdbHeader parsed = WfdbHeader.parse(new String(header.content(), java.nio.charset.StandardCharsets
                .ISO_8859_1), header.name());
        Set<String> expected = new LinkedHashSet<>();
        parsed.signals().forEach(sig -> expected.add(sig.fileName()));
        String annotationName = recordName + ".atr";
        List<String> unexpected = new ArrayList<>();
        boolean annotated = false;
        for (String name : fileSizes.keySet()) {
            if (name.equals(header.name()) || expected.contains(name)) {
                continue;
            }
            if (name.equals(annotationName)) {
                annotated = true;
            } else {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            String names = String.join(", ", unexpected);
            throw new EcgFormatException(EcgFormatProblem.UNEXPECTED_FILES, names + " are not part of "
                    + "WFDB record " + recordName + " (its header names " + String.join(", ", expected)
                    + "; annotations are read from " + annotationName + ")", names);
        }
        List<Annotation> annotations = annotated
                ? MitAnnotations.parse(annotationLoader.load(annotationName), annotationName) : List.of();
        WfdbBlockReader reader = WfdbBlockReader.open(header.name(), header.content(), signals, limits);
        if (reader.sampleCount() == 0) {
            reader.close();
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, header.name() + ": the record holds no sample",
                    header.name());
        }
        List<String> used = new ArrayList<>();
        used.add(header.name());
        used.addAll(expected);
        if (annotated) {
            used.add(annotationName);
        }
        Optional<Instant> acquired = Optional.ofNullable(parsed.baseTime()).map(t -> t.atZone(zone).toInstant());
        Optional<String> hint = parsed.comments().isEmpty() ? Optional.empty()
                : Optional.of(clip(String.join("; ", parsed.comments())));
        return new StreamedWfdb(reader, acquired, hint, annotations, used);
    }

    static String clip(String hint) {
        String text = hint.strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static String names(List<EcgFile> files) {
        return String.join(", ", files.stream().map(EcgFile::name).toList());
    }

    /**
     * Encodes {@code recording} in {@code format} (the inverse of {@link #read}): lossless for every format except
     * WFDB with samples beyond ±32,767 µV, which are scaled down to fit format 16. {@code name} is the base file
     * name; {@code acquiredAt} is written as local time in {@code zone} where the format has no offset (WFDB).
     */
    public static List<EcgFile> write(EcgSourceFormat format, EcgRecording recording, Optional<Instant> acquiredAt,
            String name, ZoneId zone) {
        return switch (format) {
            case WFDB -> {
                int max = 0;
                for (int lead = 0; lead < recording.leadCount(); lead++) {
                    for (int i = 0; i < recording.sampleCount(); i++) {
                        max = Math.max(max, Math.abs(recording.sampleMicrovolts(lead, i)));
                    }
                }
                double gain = max <= 32_767 ? 1000 : 1000.0 * 32_767 / max;
                WfdbRecord digitised = WfdbRecord.fromRecording(recording, name, WfdbSignalFormat.FORMAT_16, gain);
                WfdbHeader h = digitised.header();
                WfdbHeader header = new WfdbHeader(h.recordName(), h.samplingRateHz(), h.sampleCount(), h.signals(),
                        h.comments(), acquiredAt.map(t -> java.time.LocalDateTime.ofInstant(t, zone)).orElse(null));
                Map<String, byte[]> out = new java.util.LinkedHashMap<>();
                WfdbWriter.encode(new WfdbRecord(header, digitised.digital()), out);
                List<EcgFile> result = new ArrayList<>();
                out.forEach((file, bytes) -> result.add(new EcgFile(file, bytes)));
                yield result;
            }
            case HL7_AECG -> List.of(new EcgFile(name + ".xml", AecgWriter.write(recording, acquiredAt, zone)));
            case FHIR_SAMPLED_DATA -> List.of(new EcgFile(name + ".json", FhirEcgWriter.write(recording, acquiredAt,
                    zone)));
            case CSV -> List.of(new EcgFile(name + ".csv", CsvEcgWriter.write(recording, acquiredAt, zone)));
        };
    }
}
