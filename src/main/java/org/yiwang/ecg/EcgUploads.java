package org.yiwang.ecg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.ecg.format.DecodedEcg;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.ecg.format.EcgFileLimits;
import org.yiwang.ecg.format.EcgFiles;
import org.yiwang.ecg.format.EcgFormatException;
import org.yiwang.ecg.format.EcgFormatProblem;
import org.yiwang.ecg.format.EcgSourceFormat;
import org.yiwang.ecg.format.WfdbBlockReader;
import org.yiwang.mpi.InvalidResidentIdNumberException;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * ECG intake, the same for the clinics' web page and device gateways: a resumable upload (open with metadata and the
 * files to come, send chunks by byte range in any order and as often as needed, ask what has arrived, complete), and a
 * one-shot upload for small resting ECGs. Completing decodes the files (any format {@link EcgFiles} reads), checks
 * sizes and SHA-256, and stores the recording through {@link EcgRecordings#store} in the same transaction: a file that
 * cannot be read leaves the upload as it was and stores nothing. Uploads live in the database, so any node takes any
 * chunk and a restart loses nothing; expired ones are purged.
 */
@Service
public class EcgUploads {

    static final String PURPOSE = "ECG upload";

    /** What {@link #open} did: a new upload, or the one opened earlier with the same idempotency key. */
    public record Opened(EcgUploadState state, boolean created) {
    }

    /** What completing did: stored a new recording, or found the one stored earlier (a retry). */
    public record Completed(long recordingId, boolean created) {
    }

    private final UploadStore store;
    private final RecordingStore recordingStore;
    private final EcgRecordings recordings;
    private final Residents residents;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final Masking masking;
    private final EcgIntakeProperties properties;
    private final EcgProperties ecgProperties;
    private final Clock clock;

    EcgUploads(UploadStore store, RecordingStore recordingStore, EcgRecordings recordings, Residents residents,
               CurrentActor currentActor, AuditTrail audit, Masking masking, EcgIntakeProperties properties,
               EcgProperties ecgProperties, Clock clock) {
        this.store = store;
        this.recordingStore = recordingStore;
        this.recordings = recordings;
        this.residents = residents;
        this.currentActor = currentActor;
        this.audit = audit;
        this.masking = masking;
        this.properties = properties;
        this.ecgProperties = ecgProperties;
        this.clock = clock;
    }

    public EcgIntakeProperties properties() {
        return properties;
    }

    /**
     * Opens an upload for the organisation the current actor acts for. The same idempotency key with the same
     * resident and files returns the upload opened first (a client that lost the answer, or a page reloaded); with
     * other files it is refused (409).
     */
    @Transactional
    public Opened open(NewEcgUpload upload, String idempotencyKey) {
        Actor actor = actor();
        String key = requireKey(idempotencyKey);
        List<UploadStore.FileRow> files = validateFiles(upload.files());
        if (upload.kind() == null) {
            throw EcgIntakeException.of(400, "KIND_REQUIRED", "kind", "the kind of recording is required");
        }
        long residentId = resolveResident(upload.residentId(), upload.idNumber());
        String indication = clean(upload.indication());
        Optional<UploadStore.Upload> earlier = store.findByIdempotencyKey(actor.actingOrganisationId(), key);
        if (earlier.isPresent()) {
            return new Opened(sameUploadOrConflict(earlier.get(), residentId, files), false);
        }
        Instant now = clock.instant();
        UploadStore.Upload row = new UploadStore.Upload(UUID.randomUUID(), actor.actingOrganisationId(),
                actor.accountId(), residentId, upload.kind(), upload.acquiredAt(), indication, key, now,
                now.plus(properties.uploadLifetime()), null);
        if (!store.insert(row)) { // a concurrent request with the same key won
            UploadStore.Upload winner = store.findByIdempotencyKey(actor.actingOrganisationId(), key).orElseThrow();
            return new Opened(sameUploadOrConflict(winner, residentId, files), false);
        }
        store.insertFiles(row.id(), files);
        audit.record(AuditEvent.write(residentId, "OPEN_ECG_UPLOAD", "EcgUpload", row.id().toString(),
                upload.kind() + " " + files.size() + " files"));
        return new Opened(state(row), true);
    }

    /** The upload and the byte ranges received so far. */
    @Transactional(readOnly = true)
    public EcgUploadState state(UUID id) {
        UploadStore.Upload upload = store.find(id).orElseThrow(() -> notFound(id));
        requireOwn(upload);
        return state(upload);
    }

    /**
     * Stores bytes {@code [first, last]} of a file whose size is {@code total}. Sending a chunk again is harmless;
     * chunks may come in any order; a chunk that overlaps other bytes already received is refused (409).
     */
    @Transactional
    public void putChunk(UUID id, String fileName, long first, long last, long total, byte[] bytes) {
        UploadStore.Upload upload = store.lock(id).orElseThrow(() -> notFound(id));
        requireOwn(upload);
        if (upload.recordingId() != null) {
            throw EcgIntakeException.of(409, "UPLOAD_COMPLETED", null, "upload " + id + " is completed (recording "
                    + upload.recordingId() + ")", upload.recordingId());
        }
        UploadStore.FileRow file = store.files(id).stream().filter(f -> f.name().equals(fileName)).findFirst()
                .orElseThrow(() -> EcgIntakeException.of(404, "UNKNOWN_FILE", "files", "file " + fileName
                        + " is not part of upload " + id, fileName));
        if (total != file.size()) {
            throw EcgIntakeException.of(409, "TOTAL_MISMATCH", "files", "file " + fileName + " was announced with "
                    + file.size() + " bytes, the chunk says " + total, fileName, file.size(), total);
        }
        if (first < 0 || last < first || last >= total) {
            throw EcgIntakeException.of(416, "RANGE_NOT_SATISFIABLE", "files", "bytes " + first + "-" + last
                    + " lie outside file " + fileName + " of " + total + " bytes", first, last, fileName, total);
        }
        long length = last - first + 1;
        if (length > properties.maxChunkSize().toBytes()) {
            throw chunkTooLarge(length);
        }
        if (bytes.length != length) {
            throw EcgIntakeException.of(400, "RANGE_LENGTH_MISMATCH", "files", "Content-Range names " + length
                    + " bytes, the body holds " + bytes.length, length, bytes.length);
        }
        if (length < properties.minChunkSize().toBytes() && last != total - 1) {
            throw EcgIntakeException.of(400, "CHUNK_TOO_SMALL", "files", "chunks shorter than "
                    + properties.minChunkSize().toBytes() + " bytes must end the file", properties.minChunkSize().toBytes());
        }
        List<UploadStore.Chunk> overlapping = store.overlapping(id, fileName, first, last + 1);
        if (overlapping.isEmpty()) {
            store.insertChunk(id, fileName, first, bytes);
        } else {
            UploadStore.Chunk existing = overlapping.getFirst();
            boolean same = overlapping.size() == 1 && existing.start() == first && existing.length() == length
                    && java.util.Arrays.equals(store.chunkBytes(id, fileName, first), bytes);
            if (!same) {
                throw EcgIntakeException.of(409, "CHUNK_CONFLICT", "files", "bytes " + first + "-" + last + " of "
                        + fileName + " overlap bytes " + existing.start() + "-" + (existing.end() - 1)
                        + " received earlier with other content or other bounds", fileName, first, last,
                        existing.start(), existing.end() - 1);
            }
        }
        store.touch(id, clock.instant().plus(properties.uploadLifetime()));
    }

    /**
     * Decodes the complete files and stores the recording, in one transaction; completing again returns the same
     * recording.
     *
     * @throws EcgIntakeException 409 when bytes are missing, 422 when a checksum differs or the files cannot be read
     *                            (the upload stays as it was and can be completed after fixing, e.g. resending a file)
     */
    @Transactional
    public Completed complete(UUID id) {
        UploadStore.Upload upload = store.lock(id).orElseThrow(() -> notFound(id));
        requireOwn(upload);
        if (upload.recordingId() != null) {
            return new Completed(upload.recordingId(), false);
        }
        Map<String, List<UploadStore.Chunk>> chunks = store.chunks(id);
        List<UploadStore.FileRow> rows = store.files(id);
        for (UploadStore.FileRow file : rows) {
            long covered = 0;
            for (UploadStore.Chunk c : chunks.getOrDefault(file.name(), List.of())) {
                if (c.start() != covered) {
                    break;
                }
                covered = c.end();
            }
            if (covered != file.size()) {
                throw EcgIntakeException.of(409, "UPLOAD_INCOMPLETE", "files", "file " + file.name() + " is missing bytes from "
                        + covered + " of " + file.size(), file.name(), covered, file.size());
            }
        }
        List<UploadStore.FileRow> headers = rows.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).endsWith(".hea"))
                .toList();
        long recordingId = headers.size() == 1 ? streamWfdb(upload, rows, headers.getFirst()) : decodeInMemory(upload, rows);
        store.complete(id, recordingId, clock.instant());
        return new Completed(recordingId, true);
    }

    private long decodeInMemory(UploadStore.Upload upload, List<UploadStore.FileRow> rows) {
        long total = rows.stream().mapToLong(UploadStore.FileRow::size).sum();
        if (total > EcgFileLimits.DEFAULT.maxTotalBytes()) {
            throw EcgIntakeException.of(413, "UPLOAD_TOO_LARGE", "files", "the files hold " + total
                    + " bytes, more than " + EcgFileLimits.DEFAULT.maxTotalBytes() + " that are decoded in memory: send "
                    + "long recordings as WFDB (format 212 or 16)", total, EcgFileLimits.DEFAULT.maxTotalBytes());
        }
        List<EcgFile> files = new ArrayList<>();
        for (UploadStore.FileRow file : rows) {
            files.add(new EcgFile(file.name(), checkedContent(upload.id(), file)));
        }
        return decodeAndStore(upload.residentId(), upload.organisationId(), upload.kind(),
                upload.acquiredAt(), upload.indication(), upload.idempotencyKey(), files);
    }

    private byte[] checkedContent(UUID id, UploadStore.FileRow file) {
        byte[] content = store.assemble(id, file.name(), file.size());
        if (file.sha256() != null && !java.util.Arrays.equals(file.sha256(), sha256(content))) {
            throw shaMismatch(file.name());
        }
        return content;
    }

    private static EcgIntakeException shaMismatch(String name) {
        return EcgIntakeException.of(422, "SHA256_MISMATCH", "files", "file " + name
                + " does not have the SHA-256 announced: it was changed or damaged on the way", name);
    }

    /** Header and annotation files are read whole; they are small beside the samples. */
    static final long MAX_SMALL_FILE = 16L << 20;

    /**
     * A WFDB upload of any length, in bounded memory: the signal files are read from the upload's chunks block by
     * block (the configured block duration), each block encoded and written to the database in batches as it comes,
     * the original files copied from the chunks inside the database. Checksums (WFDB and SHA-256) are checked after
     * the last block, before the transaction commits: a failure rolls everything back.
     */
    private long streamWfdb(UploadStore.Upload upload, List<UploadStore.FileRow> rows, UploadStore.FileRow header) {
        Map<String, UploadStore.FileRow> byName = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        for (UploadStore.FileRow r : rows) {
            String ext = r.name().contains(".") ? r.name().substring(r.name().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            if ((ext.equals("hea") || ext.equals("atr")) && r.size() > MAX_SMALL_FILE) {
                throw EcgIntakeException.of(413, "UPLOAD_TOO_LARGE", "files", "file " + r.name() + " holds " + r.size()
                        + " bytes, more than " + MAX_SMALL_FILE + " for a WFDB header or annotation file", r.size(),
                        MAX_SMALL_FILE);
            }
        }
        EcgFile headerFile = new EcgFile(header.name(), checkedContent(upload.id(), header));
        Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        rows.stream().filter(r -> r != header).forEach(r -> sizes.put(r.name(), r.size()));
        Map<String, MessageDigest> digests = new java.util.LinkedHashMap<>();
        Map<String, java.io.InputStream> streams = new java.util.LinkedHashMap<>();
        Map<String, byte[]> hashes = new java.util.HashMap<>();
        WfdbBlockReader.SignalFiles signalFiles = new WfdbBlockReader.SignalFiles() {
            @Override
            public long length(String name) {
                UploadStore.FileRow row = byName.get(name);
                return row == null || row == header ? -1 : row.size();
            }

            @Override
            public java.io.InputStream open(String name) {
                MessageDigest digest = newSha256();
                digests.put(name, digest);
                java.io.InputStream in = new java.security.DigestInputStream(store.stream(upload.id(), name), digest);
                streams.put(name, in);
                return in;
            }
        };
        EcgFileLimits limits = EcgFileLimits.STREAMED.withMaxTotalBytes(properties.maxUploadSize().toBytes());
        EcgFiles.StreamedWfdb streamed;
        try {
            streamed = EcgFiles.openWfdb(headerFile, sizes, name -> checkedContent(upload.id(), byName.get(name)),
                    signalFiles, limits, EcgFiles.DEFAULT_ZONE);
        } catch (EcgFormatException e) {
            throw formatProblem(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        WfdbBlockReader reader = streamed.reader();
        Instant acquired = checkedAcquisition(upload.acquiredAt(), streamed.acquiredAt());
        Set<String> used = new HashSet<>(streamed.sourceFiles());
        RecordingStore.Meta meta = new RecordingStore.Meta(upload.residentId(), upload.organisationId(), upload.kind(),
                EcgSourceFormat.WFDB.name(), acquired, upload.indication(), upload.idempotencyKey());
        RecordingStore.Shape shape = new RecordingStore.Shape(reader.header().samplingRateHz(), reader.leadNames(),
                reader.sampleCount());
        try (reader) {
            return recordings.store(meta, shape, (recordingId, blockSamples) -> {
                int[][] block = new int[reader.leadNames().size()][blockSamples];
                RecordingStore.BlockWriter writer = recordingStore.blockWriter(recordingId);
                try {
                    for (int n = reader.read(block); n > 0; n = reader.read(block)) {
                        writer.add(block, n);
                    }
                    writer.flush();
                    reader.verify();
                    for (Map.Entry<String, java.io.InputStream> s : streams.entrySet()) {
                        s.getValue().transferTo(java.io.OutputStream.nullOutputStream()); // bytes after the samples
                        byte[] actual = digests.get(s.getKey()).digest();
                        byte[] expected = byName.get(s.getKey()).sha256();
                        if (expected != null && !java.util.Arrays.equals(expected, actual)) {
                            throw shaMismatch(s.getKey());
                        }
                        hashes.put(s.getKey(), actual);
                    }
                } catch (EcgFormatException e) {
                    throw formatProblem(e);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                for (UploadStore.FileRow r : rows) {
                    if (!used.contains(r.name())) {
                        continue;
                    }
                    String type = mediaType(new EcgFile(r.name(), new byte[0]));
                    if (streams.containsKey(r.name())) {
                        recordingStore.insertFileFromUpload(recordingId, r.name(), type, hashes.get(r.name()), r.size(),
                                upload.id());
                    } else {
                        recordingStore.insertFiles(recordingId, List.of(new NewEcgRecording.OriginalFile(r.name(), type,
                                r == header ? headerFile.content() : checkedContent(upload.id(), r))));
                    }
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static EcgIntakeException formatProblem(EcgFormatException e) {
        return new EcgIntakeException(e.problem() == EcgFormatProblem.TOO_LARGE ? 413 : 422, e.problem().name(),
                e.messageKey(), "files", e.getMessage(), e.arguments().toArray());
    }

    private Instant checkedAcquisition(Instant given, Optional<Instant> fromFiles) {
        Instant acquired = given != null ? given : fromFiles.orElseThrow(() ->
                EcgIntakeException.of(422, "ACQUISITION_TIME_MISSING", "acquiredAt", "the files do not say when the ECG "
                        + "was recorded: give the acquisition time"));
        if (acquired.isAfter(clock.instant().plus(ecgProperties.clockSkew()))) {
            throw EcgIntakeException.of(422, "ACQUISITION_IN_FUTURE", "acquiredAt", "acquisition time " + acquired
                    + " lies in the future", acquired);
        }
        return acquired;
    }

    /**
     * Stores a small recording sent in one request. The same idempotency key returns the recording stored first.
     */
    @Transactional
    public Completed storeOneShot(NewEcgUpload upload, List<EcgFile> files, String idempotencyKey) {
        Actor actor = actor();
        String key = requireKey(idempotencyKey);
        Optional<Long> earlier = recordingStore.findByIdempotencyKey(actor.actingOrganisationId(), key);
        if (earlier.isPresent()) {
            return new Completed(earlier.get(), false);
        }
        if (files.isEmpty()) {
            throw EcgIntakeException.of(400, "NO_FILES", "files", "no file uploaded");
        }
        if (files.size() > properties.maxFiles()) {
            throw tooManyFiles(files.size());
        }
        long bytes = files.stream().mapToLong(f -> f.content().length).sum();
        if (bytes > properties.oneShotMaxSize().toBytes()) {
            throw EcgIntakeException.of(413, "UPLOAD_TOO_LARGE", "files", "the files hold " + bytes
                    + " bytes, more than " + properties.oneShotMaxSize().toBytes()
                    + " in one request: use the resumable upload", bytes, properties.oneShotMaxSize().toBytes());
        }
        if (upload.kind() == null) {
            throw EcgIntakeException.of(400, "KIND_REQUIRED", "kind", "the kind of recording is required");
        }
        long residentId = resolveResident(upload.residentId(), upload.idNumber());
        return new Completed(decodeAndStore(residentId, actor.actingOrganisationId(), upload.kind(),
                upload.acquiredAt(), clean(upload.indication()), key, files), true);
    }

    /** Deletes uploads whose lifetime has passed, a batch at a time; safe to run on every node at once. */
    @Transactional
    public int purgeExpired(int batch) {
        return store.purgeExpired(clock.instant(), batch);
    }

    private long decodeAndStore(long residentId, long organisationId, EcgKind kind, Instant acquiredAt,
                                String indication, String key, List<EcgFile> files) {
        EcgFileLimits d = EcgFileLimits.DEFAULT;
        EcgFileLimits limits = new EcgFileLimits(d.maxLeads(), d.maxSamplesPerLead(), d.maxTotalSamples(),
                properties.maxUploadSize().toBytes());
        DecodedEcg decoded;
        try {
            decoded = EcgFiles.read(files, limits);
        } catch (EcgFormatException e) {
            throw formatProblem(e);
        }
        Instant acquired = checkedAcquisition(acquiredAt, decoded.acquiredAt());
        Set<String> used = new HashSet<>(decoded.sourceFiles());
        List<NewEcgRecording.OriginalFile> originals = files.stream().filter(f -> used.contains(f.name()))
                .map(f -> new NewEcgRecording.OriginalFile(f.name(), mediaType(f), f.content())).toList();
        return recordings.store(new NewEcgRecording(residentId, organisationId, kind, decoded.format().name(), acquired,
                indication, key, decoded.recording(), originals));
    }

    static String mediaType(EcgFile file) {
        return switch (file.extension()) {
            case "hea" -> "text/plain";
            case "xml" -> "application/xml";
            case "json" -> "application/fhir+json";
            case "csv" -> "text/csv";
            case "tsv", "txt" -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    private long resolveResident(Long residentId, String idNumber) {
        boolean byNumber = idNumber != null && !idNumber.isBlank();
        if (residentId == null && !byNumber) {
            throw EcgIntakeException.of(422, "RESIDENT_REQUIRED", "residentId", "name the resident by residentId or idNumber");
        }
        if (residentId != null) {
            return residents.resolve(residentId).orElseThrow(() -> EcgIntakeException.of(422, "UNKNOWN_RESIDENT",
                    "residentId", "no resident " + residentId + " in the master index", residentId));
        }
        try {
            return residents.findByIdNumber(idNumber.strip(), PURPOSE).map(r -> r.id()).orElseThrow(() -> {
                String masked = masking.idNumber(idNumber.strip().toUpperCase(Locale.ROOT));
                return EcgIntakeException.of(422, "UNKNOWN_ID_NUMBER", "idNumber", "no resident with ID number "
                        + masked + " in the master index", masked);
            });
        } catch (InvalidResidentIdNumberException e) {
            throw EcgIntakeException.of(422, "INVALID_ID_NUMBER", "idNumber", "the ID number is not a valid resident "
                    + "ID number: " + e.getMessage(), e.getMessage());
        }
    }

    private List<UploadStore.FileRow> validateFiles(List<NewEcgUpload.ExpectedFile> files) {
        if (files.isEmpty()) {
            throw EcgIntakeException.of(400, "NO_FILES", "files", "name the files to upload, with their sizes");
        }
        if (files.size() > properties.maxFiles()) {
            throw tooManyFiles(files.size());
        }
        Set<String> names = new HashSet<>();
        List<UploadStore.FileRow> rows = new ArrayList<>();
        long total = 0;
        for (NewEcgUpload.ExpectedFile f : files) {
            String name = f.name() == null ? "" : f.name().strip();
            if (name.isEmpty() || name.length() > 120 || name.startsWith(".") || name.chars().anyMatch(
                    c -> c < 0x20 || c == '/' || c == '\\' || c == 0x7F)) {
                throw EcgIntakeException.of(400, "BAD_FILE_NAME", "files", "file name '" + name
                        + "' is not a plain file name of at most 120 characters", name);
            }
            if (!names.add(name)) {
                throw EcgIntakeException.of(400, "DUPLICATE_FILE", "files", "file " + name + " is named twice", name);
            }
            if (f.size() <= 0) {
                throw EcgIntakeException.of(400, "BAD_FILE_SIZE", "files", "file " + name + " needs its size in bytes "
                        + "(more than 0)", name);
            }
            byte[] sha = null;
            if (f.sha256() != null && !f.sha256().isBlank()) {
                if (!f.sha256().strip().matches("[0-9a-fA-F]{64}")) {
                    throw EcgIntakeException.of(400, "BAD_SHA256", "files", "the SHA-256 of " + name
                            + " must be 64 hexadecimal digits", name);
                }
                sha = HexFormat.of().parseHex(f.sha256().strip().toLowerCase(Locale.ROOT));
            }
            total += f.size();
            rows.add(new UploadStore.FileRow(name, f.size(), sha));
        }
        if (total > properties.maxUploadSize().toBytes()) {
            throw EcgIntakeException.of(413, "UPLOAD_TOO_LARGE", "files", "the files hold " + total
                    + " bytes, more than the limit of " + properties.maxUploadSize().toBytes(), total,
                    properties.maxUploadSize().toBytes());
        }
        return rows;
    }

    private EcgUploadState sameUploadOrConflict(UploadStore.Upload earlier, long residentId,
                                                List<UploadStore.FileRow> files) {
        requireOwn(earlier);
        List<UploadStore.FileRow> stored = store.files(earlier.id());
        boolean same = earlier.residentId() == residentId && stored.size() == files.size()
                && stored.stream().allMatch(s -> files.stream().anyMatch(f -> f.name().equals(s.name())
                && f.size() == s.size()));
        if (!same) {
            throw EcgIntakeException.of(409, "IDEMPOTENCY_KEY_REUSED", null, "this Idempotency-Key was used for an "
                    + "upload of other files or another resident");
        }
        return state(earlier);
    }

    private EcgUploadState state(UploadStore.Upload upload) {
        Map<String, List<UploadStore.Chunk>> chunks = store.chunks(upload.id());
        List<EcgUploadState.FileState> files = new ArrayList<>();
        for (UploadStore.FileRow f : store.files(upload.id())) {
            List<EcgUploadState.ByteRange> ranges = new ArrayList<>();
            long from = -1;
            long to = -1;
            for (UploadStore.Chunk c : chunks.getOrDefault(f.name(), List.of())) {
                if (from >= 0 && c.start() == to) {
                    to = c.end();
                } else {
                    if (from >= 0) {
                        ranges.add(new EcgUploadState.ByteRange(from, to - 1));
                    }
                    from = c.start();
                    to = c.end();
                }
            }
            if (from >= 0) {
                ranges.add(new EcgUploadState.ByteRange(from, to - 1));
            }
            if (upload.recordingId() != null) { // chunks are dropped once stored
                ranges = List.of(new EcgUploadState.ByteRange(0, f.size() - 1));
            }
            files.add(new EcgUploadState.FileState(f.name(), f.size(),
                    f.sha256() == null ? null : HexFormat.of().formatHex(f.sha256()), ranges));
        }
        return new EcgUploadState(upload.id(), upload.organisationId(), upload.residentId(), upload.kind(),
                upload.acquiredAt(), upload.indication(), upload.createdAt(), upload.expiresAt(), files,
                upload.recordingId());
    }

    private Actor actor() {
        Actor actor = currentActor.current().orElseThrow(() -> new AccessDeniedException("sign in to upload ECGs"));
        if (actor.actingOrganisationId() == null) {
            throw new AccessDeniedException("ECGs are uploaded for an organisation");
        }
        return actor;
    }

    private void requireOwn(UploadStore.Upload upload) {
        if (!Long.valueOf(upload.organisationId()).equals(actor().actingOrganisationId())) {
            throw new AccessDeniedException("upload " + upload.id() + " belongs to another organisation");
        }
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw EcgIntakeException.of(400, "IDEMPOTENCY_KEY_REQUIRED", null, "send an Idempotency-Key header "
                    + "(a unique string per upload, reused only for retries of the same upload)");
        }
        if (key.length() > 200) {
            throw EcgIntakeException.of(400, "IDEMPOTENCY_KEY_TOO_LONG", null, "the Idempotency-Key is longer than "
                    + "200 characters");
        }
        return key.strip();
    }

    private static String clean(String indication) {
        if (indication == null || indication.isBlank()) {
            return null;
        }
        String text = indication.strip();
        if (text.length() > 200) {
            throw EcgIntakeException.of(400, "INDICATION_TOO_LONG", "indication", "the indication is longer than 200 "
                    + "characters");
        }
        return text;
    }

    private EcgIntakeException tooManyFiles(int count) {
        return EcgIntakeException.of(400, "TOO_MANY_FILES", "files", count + " files in one upload, at most "
                + properties.maxFiles(), count, properties.maxFiles());
    }

    private EcgIntakeException chunkTooLarge(long length) {
        return EcgIntakeException.of(413, "CHUNK_TOO_LARGE", "files", "a chunk of " + length + " bytes is larger than "
                + properties.maxChunkSize().toBytes(), length, properties.maxChunkSize().toBytes());
    }

    /** 413 for a chunk whose declared length exceeds the limit, before its body is read. */
    public void checkChunkLength(long length) {
        if (length > properties.maxChunkSize().toBytes()) {
            throw chunkTooLarge(length);
        }
    }

    private static EcgIntakeException notFound(UUID id) {
        return EcgIntakeException.of(404, "UPLOAD_NOT_FOUND", null, "no upload " + id
                + " (unknown, or expired and purged: open a new one)", id);
    }

    private static byte[] sha256(byte[] content) {
        return newSha256().digest(content);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
