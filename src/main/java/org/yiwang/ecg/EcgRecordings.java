package org.yiwang.ecg;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.records.CareRelationshipKind;
import org.yiwang.records.CareRelationships;
import org.yiwang.records.RecordAccess;
import org.yiwang.records.RecordAccessDeniedException;
import org.yiwang.records.RecordAccessView;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.ReferralReceiver;
import org.yiwang.registry.ServiceCode;

/**
 * The network's recordings: stores what clinics upload (files byte for byte, samples in blocks), routes each to the
 * nearest ECG reading centre above the clinic, and hands out summaries and signal windows to those who may see them:
 * the uploading clinic, the reading centre, and whoever may read the resident's shared record. Every read and write
 * is audited.
 */
@Service
public class EcgRecordings {

    /** Most recordings one list returns. */
    public static final int MAX_LIST = 100;

    private final RecordingStore store;
    private final Residents residents;
    private final Organisations organisations;
    private final RecordAccess recordAccess;
    private final CareRelationships careRelationships;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final EcgProperties properties;
    private final Clock clock;

    EcgRecordings(RecordingStore store, Residents residents, Organisations organisations, RecordAccess recordAccess,
                  CareRelationships careRelationships, CurrentActor currentActor, AuditTrail audit,
                  ApplicationEventPublisher events, EcgProperties properties, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.organisations = organisations;
        this.recordAccess = recordAccess;
        this.careRelationships = careRelationships;
        this.currentActor = currentActor;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores a recording for the organisation the current actor acts for and queues its pre-analysis. A retry with
     * the same idempotency key returns the first recording's id and stores nothing.
     *
     * @return the recording's id
     * @throws InvalidInputException when the resident is unknown, the acquisition time lies in the future, or no
     *                               reading centre serves the organisation
     * @throws AccessDeniedException when the actor acts for another organisation
     */
    @Transactional
    public long store(NewEcgRecording recording) {
        EcgRecording samples = recording.samples();
        return store(RecordingStore.Meta.of(recording), new RecordingStore.Shape(samples.samplingRateHz(), samples.leadNames(),
                samples.sampleCount()), (id, blockSamples) -> {
            store.insertFiles(id, recording.files());
            int[][] microvolts = new int[samples.leadCount()][];
            for (int lead = 0; lead < microvolts.length; lead++) {
                microvolts[lead] = samples.leadMicrovolts(lead);
            }
            store.insertSamples(id, microvolts, blockSamples);
        });
    }

    /** Writes a new recording's files and sample blocks. */
    @FunctionalInterface
    interface Content {
        void write(long recordingId, int blockSamples);
    }

    /**
     * Stores a recording whose samples {@code content} writes (a long recording decoded block by block while it is
     * stored), {@code shape} describing them. The checks, routing, audit and event are those of
     * {@link #store(NewEcgRecording)}, in the caller's transaction.
     */
    long store(RecordingStore.Meta recording, RecordingStore.Shape shape, Content content) {
        Actor actor = currentActor.current().orElse(null);
        if (actor != null && (actor.actingOrganisationId() == null
                || actor.actingOrganisationId() != recording.organisationId())) {
            throw new AccessDeniedException("ECGs are uploaded only for the organisation one acts for");
        }
        if (recording.idempotencyKey() != null) {
            Optional<Long> earlier = store.findByIdempotencyKey(recording.organisationId(), recording.idempotencyKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        long residentId = residents.resolve(recording.residentId()).orElseThrow(() ->
                new InvalidInputException("unknown resident " + recording.residentId()));
        Instant now = clock.instant();
        if (recording.acquiredAt().isAfter(now.plus(properties.clockSkew()))) {
            throw new InvalidInputException("acquisition time " + recording.acquiredAt() + " lies in the future");
        }
        long centre = readingCentreFor(recording.organisationId());
        int blockSamples = blockSamples(shape.samplingRateHz());
        long uploadedBy = actor == null ? 0 : actor.accountId();
        Optional<Long> inserted = store.insert(recording, shape, residentId, centre, uploadedBy, now, blockSamples);
        if (inserted.isEmpty()) { // a concurrent retry won the race
            return store.findByIdempotencyKey(recording.organisationId(), recording.idempotencyKey()).orElseThrow();
        }
        long id = inserted.get();
        content.write(id, blockSamples);
        if (centre != recording.organisationId()) {
            careRelationships.grant(residentId, centre, CareRelationshipKind.ECG_READING, "ecg:" + id,
                    now.plus(properties.readingRelationship()), "ECG " + id + " to read");
        }
        audit.record(AuditEvent.write(residentId, "UPLOAD_ECG", "EcgRecording", Long.toString(id),
                recording.kind() + " " + recording.sourceFormat()));
        events.publishEvent(new EcgRecordingReceived(id, residentId, recording.organisationId(), centre));
        return id;
    }

    /** Samples per stored block at this rate (the configured block duration). */
    int blockSamples(double samplingRateHz) {
        return Math.max(1, (int) Math.round(samplingRateHz * properties.blockSeconds()));
    }

    /** The recording without samples, when the current actor may see it; audited. */
    @Transactional
    public Optional<EcgRecordingSummary> find(long id) {
        Optional<EcgRecordingSummary> found = store.find(id);
        found.ifPresent(r -> {
            requireAccess(r);
            audit.record(AuditEvent.read(r.residentId(), "READ_ECG", "EcgRecording", Long.toString(id), "view ECG"));
        });
        return found;
    }

    /**
     * A digest of what the recording's page shows (state, pre-analysis, report and its acknowledgement): it changes
     * whenever any of them does, on any node. Reads no personal data, so a live page may ask every few seconds
     * without filling the audit trail; the access check is the same as for {@link #find}.
     */
    @Transactional(readOnly = true)
    public String pageVersion(long id) {
        RecordingStore.PageState state = store.pageState(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
        requireAccess(state.residentId(), state.organisationId(), state.readingCentreId());
        return Long.toString(state.version());
    }

    /** The resident's recordings (also those filed under merged records), newest first, at most {@link #MAX_LIST}. */
    @Transactional
    public List<EcgRecordingSummary> forResident(long residentId, int limit) {
        List<Long> ids = residents.recordIds(residentId);
        if (ids.isEmpty()) {
            return List.of();
        }
        RecordAccessView access = recordAccess.currentAccess(residentId);
        if (!access.allowed()) {
            throw new RecordAccessDeniedException(residentId, access.breakGlassOffered());
        }
        List<EcgRecordingSummary> list = store.forResidents(ids, Math.clamp(limit, 1, MAX_LIST));
        audit.record(AuditEvent.read(ids.getFirst(), "LIST_ECG", "EcgRecording", null, "ECG list"));
        return list;
    }

    /**
     * Samples {@code [fromSample, fromSample + sampleCount)} of every lead, cut to the recording's end.
     *
     * @throws InvalidInputException when the window starts outside the recording or is longer than the configured
     *                               maximum
     */
    @Transactional
    public EcgSignalWindow signal(long recordingId, long fromSample, int sampleCount) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        requireAccess(r);
        long maxSamples = Math.round(r.samplingRateHz() * properties.maxWindowSeconds());
        if (fromSample < 0 || fromSample >= r.sampleCount()) {
            throw new InvalidInputException("window start " + fromSample + " outside the recording's 0.."
                    + (r.sampleCount() - 1));
        }
        if (sampleCount < 1 || sampleCount > maxSamples) {
            throw new InvalidInputException("a window holds 1 to " + maxSamples + " samples ("
                    + properties.maxWindowSeconds() + " s), not " + sampleCount);
        }
        long to = Math.min(r.sampleCount(), fromSample + sampleCount);
        RecordingStore.Layout layout = store.layout(recordingId).orElseThrow();
        int[][] samples = store.samples(recordingId, layout, fromSample, to);
        audit.record(AuditEvent.read(r.residentId(), "READ_ECG_SIGNAL", "EcgRecording", Long.toString(recordingId),
                "samples " + fromSample + ".." + to));
        return new EcgSignalWindow(recordingId, r.samplingRateHz(), r.leadNames(), r.sampleCount(), fromSample, samples);
    }

    /** Detected beats in {@code [fromSample, toSample)} as sample indices; empty before the pre-analysis. */
    @Transactional
    public int[] beatSamples(long recordingId, long fromSample, long toSample) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        requireAccess(r);
        int[] all = store.beats(recordingId);
        int from = lowerBound(all, fromSample);
        int to = lowerBound(all, toSample);
        return Arrays.copyOfRange(all, from, Math.max(from, to));
    }

    /** A page of the clinic's own uploads (the organisation the actor acts for), newest first, keyset-paged. */
    @Transactional(readOnly = true)
    public List<EcgRecordingSummary> forClinic(Instant beforeUploadedAt, long beforeId, int limit) {
        Long organisation = currentActor.current().map(Actor::actingOrganisationId).orElseThrow(() ->
                new AccessDeniedException("a clinic's uploads are listed for the organisation one acts for"));
        return store.forClinic(organisation, beforeUploadedAt, beforeId, Math.clamp(limit, 1, MAX_LIST));
    }

    /** Names and sizes of the recording's original files. */
    @Transactional(readOnly = true)
    public List<java.util.Map.Entry<String, Integer>> originalFiles(long recordingId) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        requireAccess(r);
        return store.fileNames(recordingId);
    }

    /** An original file to send: its name, media type and size, and how to write its bytes. */
    public record OriginalFileStream(String name, String mediaType, long size, Writer writer) {
        /** Writes the bytes; may run after the request's transaction, on another thread. */
        @FunctionalInterface
        public interface Writer {
            void writeTo(java.io.OutputStream out) throws java.io.IOException;
        }
    }

    /**
     * An original file for download in bounded memory (a 24 h Holter's {@code .dat} is kept as parts and written
     * part by part); access checked and audited now, the bytes written later by {@code writer}.
     */
    @Transactional
    public Optional<OriginalFileStream> openOriginalFile(long recordingId, String name) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        requireAccess(r);
        Optional<RecordingStore.FileMeta> meta = store.fileMeta(recordingId, name);
        meta.ifPresent(f -> audit.record(AuditEvent.read(r.residentId(), "READ_ECG_FILE", "EcgRecording",
                Long.toString(recordingId), "download " + name)));
        return meta.map(f -> new OriginalFileStream(f.name(), f.mediaType(), f.size(),
                out -> store.writeFile(recordingId, f.name(), out)));
    }

    /** The reading centre that reads this organisation's ECGs: itself when it reads ECGs, else the nearest above. */
    long readingCentreFor(long organisationId) {
        if (organisations.servicesOf(organisationId).contains(ServiceCode.ECG_READING)) {
            return organisationId;
        }
        return organisations.receiversFor(ServiceCode.ECG_READING, organisationId).stream()
                .filter(ReferralReceiver::above)
                .findFirst()
                .or(() -> organisations.receiversFor(ServiceCode.ECG_READING, organisationId).stream().findFirst())
                .map(r -> r.organisation().id())
                .orElseThrow(() -> new InvalidInputException("no ECG reading centre serves organisation " + organisationId));
    }

    /**
     * The uploading clinic and the reading centre see their recordings; anyone else needs access to the resident's
     * shared record (care relationship, the resident or a representative, an emergency override, a system job).
     */
    private void requireAccess(EcgRecordingSummary r) {
        requireAccess(r.residentId(), r.organisationId(), r.readingCentreId());
    }

    private void requireAccess(long residentId, long organisationId, long readingCentreId) {
        Long acting = currentActor.current().map(Actor::actingOrganisationId).orElse(null);
        if (acting != null && (acting == organisationId || acting == readingCentreId)) {
            return;
        }
        RecordAccessView access = recordAccess.currentAccess(residentId);
        if (!access.allowed()) {
            throw new RecordAccessDeniedException(residentId, access.breakGlassOffered());
        }
    }

    private static int lowerBound(int[] ascending, long value) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
