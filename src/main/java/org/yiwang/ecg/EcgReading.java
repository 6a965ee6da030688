package org.yiwang.ecg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;

/**
 * The reading centre's worklist (ReadingCentre, role ECG_READER): the queue of unread recordings of the centre the
 * reader acts for, critical first, then the longest waiting; claims that the database grants to exactly one reader;
 * releases; and claims held too long returned to the queue. Each step's time is stored (CPC-12).
 */
@Service
public class EcgReading {

    private final ReadingStore store;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final EcgProperties properties;
    private final Clock clock;

    EcgReading(ReadingStore store, CurrentActor currentActor, AuditTrail audit, EcgProperties properties, Clock clock) {
        this.store = store;
        this.currentActor = currentActor;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A page of the queue of the centre the reader acts for, starting after {@code cursor} (null: the top), at most
     * {@code limit} (capped at the configured page size). Each resident shown is audited.
     */
    @Transactional
    public WorklistPage queue(WorklistCursor cursor, int limit) {
        Actor reader = requireReader();
        int size = Math.clamp(limit, 1, properties.reading().pageSize());
        List<WorklistItem> rows = store.queue(reader.actingOrganisationId(), cursor, size + 1);
        List<WorklistItem> items = rows.size() > size ? rows.subList(0, size) : rows;
        WorklistCursor next = null;
        if (rows.size() > size) {
            WorklistItem last = items.getLast();
            next = new WorklistCursor(last.critical(), last.uploadedAt(), last.recordingId());
        }
        items.forEach(i -> audit.record(AuditEvent.read(i.residentId(), "LIST_ECG_WORKLIST", "EcgRecording",
                Long.toString(i.recordingId()), "ECG reading worklist")));
        return new WorklistPage(items, next, digest(items));
    }

    /**
     * The digest of the queue's first page and of the claims at the centre, without reading any resident's data: a
     * live page asks this every few seconds and reloads only when it changes.
     */
    @Transactional(readOnly = true)
    public String queueVersion() {
        Actor reader = requireReader();
        List<WorklistItem> top = store.queue(reader.actingOrganisationId(), null, properties.reading().pageSize());
        List<WorklistItem> claimed = store.claimedAtCentre(reader.actingOrganisationId(), 100);
        return digest(top) + digest(claimed).substring(0, 8);
    }

    /** Recordings of the centre that readers hold now (the reader's own among them), oldest claim first. */
    @Transactional
    public List<WorklistItem> claimed() {
        Actor reader = requireReader();
        List<WorklistItem> items = store.claimedAtCentre(reader.actingOrganisationId(), 100);
        items.forEach(i -> audit.record(AuditEvent.read(i.residentId(), "LIST_ECG_WORKLIST", "EcgRecording",
                Long.toString(i.recordingId()), "ECG reading worklist")));
        return items;
    }

    /**
     * Where a recording of the reader's centre stands (status, who holds it), without its data.
     *
     * @throws AccessDeniedException when it belongs to another reading centre
     */
    @Transactional(readOnly = true)
    public WorklistItem state(long recordingId) {
        Actor reader = requireReader();
        WorklistItem item = store.item(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        long centre = store.readingCentreOf(recordingId).orElseThrow();
        if (centre != reader.actingOrganisationId()) {
            throw new AccessDeniedException("ECG " + recordingId + " is read by another reading centre");
        }
        return item;
    }

    /** The account id of the current reader. */
    public long currentReader() {
        return requireReader().accountId();
    }

    /**
     * Claims an unread recording of the reader's centre. Of readers claiming the same recording at once, on any
     * node, exactly one succeeds: the database re-checks the status on the row it locks.
     *
     * @throws ClaimRefusedException when another reader holds it, it is signed, or it belongs to another centre
     */
    @Transactional
    public WorklistItem claim(long recordingId) {
        return claimAt(recordingId, now());
    }

    /** {@link #claim} at a given time: the demo county's reading history. */
    @Transactional
    WorklistItem claimAt(long recordingId, Instant now) {
        Actor reader = requireReader();
        if (!store.claim(recordingId, reader.actingOrganisationId(), reader.accountId(), reader.displayName(), now)) {
            throw refusal(recordingId, reader);
        }
        store.step(recordingId, "CLAIMED", now, reader.accountId(), null);
        WorklistItem item = store.item(recordingId).orElseThrow();
        audit.record(AuditEvent.write(item.residentId(), "CLAIM_ECG", "EcgRecording", Long.toString(recordingId),
                "ECG reading"));
        return item;
    }

    /**
     * Returns the reader's claim to the queue, unread.
     *
     * @throws ClaimRefusedException when the reader does not hold it
     */
    @Transactional
    public void release(long recordingId) {
        Actor reader = requireReader();
        if (!store.release(recordingId, reader.accountId())) {
            throw refusal(recordingId, reader);
        }
        Instant now = now();
        store.step(recordingId, "RELEASED", now, reader.accountId(), null);
        WorklistItem item = store.item(recordingId).orElseThrow();
        audit.record(AuditEvent.write(item.residentId(), "RELEASE_ECG", "EcgRecording", Long.toString(recordingId),
                "ECG reading"));
    }

    /**
     * Returns claims held longer than the configured timeout to their queues; safe on several nodes at once (each
     * claim is returned by one of them).
     *
     * @return how many claims were returned
     */
    @Transactional
    public int expireClaims() {
        Instant now = now();
        List<ReadingStore.Expired> expired = store.expireClaims(now.minus(properties.reading().claimTimeout()), 500);
        for (ReadingStore.Expired e : expired) {
            store.step(e.recordingId(), "CLAIM_EXPIRED", now, e.accountId(), "claimed at " + e.claimedAt());
        }
        return expired.size();
    }

    /** Why a claim, release or signature is refused, in the reader's words. */
    ClaimRefusedException refusal(long recordingId, Actor reader) {
        WorklistItem item = store.item(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (item.status() == EcgStatus.SIGNED) {
            return new ClaimRefusedException("ECG " + recordingId + " is signed already", "ecg.worklist.refused.signed");
        }
        long centre = store.readingCentreOf(recordingId).orElseThrow();
        if (centre != reader.actingOrganisationId()) {
            return new ClaimRefusedException("ECG " + recordingId + " is read by another reading centre",
                    "ecg.worklist.refused.otherCentre");
        }
        if (item.status() == EcgStatus.CLAIMED && item.claimedBy() != null && item.claimedBy() != reader.accountId()) {
            return new ClaimRefusedException("ECG " + recordingId + " is being read by " + item.claimedByName()
                    + " since " + item.claimedAt(), "ecg.worklist.refused.claimed", item.claimedByName());
        }
        return new ClaimRefusedException("ECG " + recordingId + " is not claimed by you (released or expired)",
                "ecg.worklist.refused.notHeld");
    }

    Actor requireReader() {
        Actor actor = currentActor.current()
                .orElseThrow(() -> new AccessDeniedException("the worklist is for signed-in ECG readers"));
        if (!actor.hasRole(Role.ECG_READER) || actor.actingOrganisationId() == null) {
            throw new AccessDeniedException("the worklist is for ECG readers acting for a reading centre");
        }
        return actor;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String digest(List<WorklistItem> items) {
        StringBuilder s = new StringBuilder();
        items.forEach(i -> s.append(i.recordingId()).append(':').append(i.version()).append(','));
        return sha256(s.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
