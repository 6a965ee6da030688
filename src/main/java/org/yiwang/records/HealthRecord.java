package org.yiwang.records;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;

/**
 * The shared health record of the county: every organisation adds what it did for a resident, and every clinician
 * caring for the resident reads all of it. Entries are checked, completed (names, flags) and never deleted: a wrong
 * entry is voided with a reason, a correction voids and points to its replacement. Every read and write is audited
 * with its purpose. A resident's entries are read under every id the master index holds for them, so a merge moves
 * no data and an unmerge gives each record its own entries back.
 */
@Service
@Transactional
public class HealthRecord {

    private static final Set<String> ACTIVE_PROBLEM = Set.of("active", "recurrence", "relapse");
    private static final int SUMMARY_LIMIT = 100;

    private final EntryStore store;
    private final EntryValidator validator;
    private final Residents residents;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final AuditTrail audit;
    private final CurrentActor currentActor;
    private final ApplicationEventPublisher events;
    private final ObservationCatalogue observations;
    private final RecordsProperties properties;
    private final Clock clock;

    HealthRecord(EntryStore store, IcdCodes icdCodes, ObservationCatalogue observations, Residents residents,
                 Organisations organisations, Practitioners practitioners, AuditTrail audit, CurrentActor currentActor,
                 ApplicationEventPublisher events, RecordsProperties properties, Clock clock) {
        this.store = store;
        this.validator = new EntryValidator(icdCodes, observations, properties.clockSkew(),
                properties.maxAttachment().toBytes(), clock);
        this.residents = residents;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.audit = audit;
        this.currentActor = currentActor;
        this.events = events;
        this.observations = observations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Adds an item to the record. A retry with the sender's id of an item already on file returns that entry's id
     * and stores nothing.
     *
     * @return the entry's id
     * @throws EntryInputException    naming every problem; nothing is stored
     * @throws EntryConflictException when the sender's id was used for another resident or kind of item
     */
    public long record(NewEntry entry, String purpose) {
        requirePurpose(purpose);
        return add(entry, purpose, "RECORD_ENTRY");
    }

    /** {@link #record} of several items in one transaction: all are stored or none. */
    public List<Long> recordAll(List<NewEntry> entries, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = new ArrayList<>(entries.size());
        for (NewEntry entry : entries) {
            ids.add(add(entry, purpose, "RECORD_ENTRY"));
        }
        return ids;
    }

    /**
     * Replaces a wrong entry: the old one is voided with {@code reason} and points to the new one.
     *
     * @return the replacement's id
     */
    public long correct(long entryId, NewEntry replacement, String reason, String purpose) {
        requirePurpose(purpose);
        requireReason(reason);
        ClinicalEntry old = store.find(entryId).orElseThrow(() -> new EntryNotFoundException("entry", entryId));
        if (old.voided()) {
            throw new EntryConflictException("entry " + entryId + " was voided already (" + old.voidReason() + ")");
        }
        if (replacement.kind() != old.kind() || !residents.recordIds(old.residentId()).contains(
                residents.resolve(replacement.residentId()).orElse(-1L))) {
            throw new EntryInputException(List.of(EntryProblem.of("kind", "records.error.correction.same")));
        }
        long newId = add(replacement, purpose, "CORRECT_ENTRY");
        if (!store.voidEntry(entryId, reason.strip(), newId, accountId())) {
            throw new EntryConflictException("entry " + entryId + " was voided meanwhile");
        }
        audit.record(AuditEvent.write(old.residentId(), "VOID_ENTRY", old.kind().name(), Long.toString(entryId), purpose));
        return newId;
    }

    /** Voids an entry recorded in error; it stays on file, marked, with the reason. */
    public void voidEntry(long entryId, String reason, String purpose) {
        requirePurpose(purpose);
        requireReason(reason);
        ClinicalEntry old = store.find(entryId).orElseThrow(() -> new EntryNotFoundException("entry", entryId));
        if (!store.voidEntry(entryId, reason.strip(), null, accountId())) {
            throw new EntryConflictException("entry " + entryId + " was voided already");
        }
        audit.record(AuditEvent.write(old.residentId(), "VOID_ENTRY", old.kind().name(), Long.toString(entryId), purpose));
    }

    /** One entry, voided or not; the read is audited. */
    public Optional<ClinicalEntry> find(long entryId, String purpose) {
        requirePurpose(purpose);
        Optional<ClinicalEntry> entry = store.find(entryId);
        entry.ifPresent(e -> audit.record(AuditEvent.read(e.residentId(), "VIEW_ENTRY", e.kind().name(),
                Long.toString(e.id()), purpose)));
        return entry;
    }

    /** Entries by id in the order asked, unknown ones skipped (the results of a report, say); audited per resident. */
    public List<ClinicalEntry> findAll(Collection<Long> entryIds, String purpose) {
        requirePurpose(purpose);
        if (entryIds.size() > properties.maxPageSize()) {
            throw new IllegalArgumentException("at most " + properties.maxPageSize() + " entries at once");
        }
        List<ClinicalEntry> entries = store.findAll(entryIds);
        entries.stream().map(ClinicalEntry::residentId).distinct().forEach(resident ->
                audit.record(AuditEvent.read(resident, "VIEW_ENTRIES", "Entry", null, purpose)));
        return entries;
    }

    /** A page of the resident's record, newest first, across every organisation. */
    public TimelinePage timeline(long residentId, TimelineQuery query, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        int limit = query.limit() == 0 ? properties.pageSize() : Math.min(query.limit(), properties.maxPageSize());
        List<ClinicalEntry> rows = ids.isEmpty() ? List.of() : store.timeline(ids, query, limit);
        audited(residentId, ids, "VIEW_TIMELINE", "Timeline", purpose);
        if (rows.size() > limit) {
            ClinicalEntry last = rows.get(limit - 1);
            return new TimelinePage(rows.subList(0, limit), new TimelineCursor(last.effectiveAt(), last.id()));
        }
        return new TimelinePage(rows, null);
    }

    /**
     * The resident's results for these codes since a time, newest first, at most {@code limit} (capped at the
     * configured maximum page size): the data of a trend chart or a search by code.
     */
    public List<ClinicalEntry> series(long residentId, Collection<String> codes, Instant since, int limit, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        audited(residentId, ids, "VIEW_SERIES", "Observation", purpose);
        if (ids.isEmpty() || codes.isEmpty()) {
            return List.of();
        }
        return store.series(ids, codes, since, Math.min(Math.max(limit, 1), properties.maxPageSize()));
    }

    /** Diagnoses that are active, newest first, one per code (the latest says whether it is still active). */
    public List<ClinicalEntry> activeProblems(long residentId, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        audited(residentId, ids, "VIEW_PROBLEMS", "Condition", purpose);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ClinicalEntry> latestByCode = new LinkedHashMap<>();
        for (ClinicalEntry c : store.ofKind(ids, EntryKind.CONDITION, EntryKind.CONDITION.statuses(), SUMMARY_LIMIT * 5)) {
            latestByCode.putIfAbsent(c.code().code(), c);
        }
        return latestByCode.values().stream().filter(c -> ACTIVE_PROBLEM.contains(c.status()))
                .limit(SUMMARY_LIMIT).toList();
    }

    /** Prescriptions still running today from any organisation, newest first. */
    public List<ClinicalEntry> activeMedications(long residentId, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        audited(residentId, ids, "VIEW_MEDICATIONS", "MedicationRequest", purpose);
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return store.ofKind(ids, EntryKind.MEDICATION_REQUEST, List.of("active"), SUMMARY_LIMIT * 5).stream()
                .filter(m -> m.endedAt() == null || m.endedAt().isAfter(now))
                .limit(SUMMARY_LIMIT).toList();
    }

    /** Active allergies and intolerances, newest first. */
    public List<ClinicalEntry> allergies(long residentId, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        audited(residentId, ids, "VIEW_ALLERGIES", "AllergyIntolerance", purpose);
        return ids.isEmpty() ? List.of() : store.ofKind(ids, EntryKind.ALLERGY, List.of("active"), SUMMARY_LIMIT);
    }

    /**
     * Results of the same test as {@code loincCode} (or one that counts as the same, see
     * {@link ObservationCatalogue#equivalents}) from any organisation within the configured sharing window, newest
     * first: shown before a clinician orders the test again (检查检验结果互认).
     */
    public List<ClinicalEntry> recentEquivalentResults(long residentId, String loincCode, String purpose) {
        return series(residentId, observations.equivalents(loincCode), clock.instant().minus(properties.sharingWindow()),
                10, purpose);
    }

    /** An attachment's bytes; the read is audited. */
    public Optional<AttachmentContent> attachmentContent(long attachmentId, String purpose) {
        requirePurpose(purpose);
        Optional<AttachmentContent> content = store.attachment(attachmentId);
        content.ifPresent(c -> store.find(c.attachment().entryId()).ifPresent(e -> audit.record(AuditEvent.read(
                e.residentId(), "VIEW_ATTACHMENT", "Attachment", Long.toString(attachmentId), purpose))));
        return content;
    }

    private long add(NewEntry entry, String purpose, String action) {
        EntryValidator.Checked checked = validator.check(entry);
        NewEntry e = checked.entry();
        List<EntryProblem> problems = new ArrayList<>();
        Long residentId = residents.resolve(e.residentId()).orElse(null);
        if (residentId == null) {
            problems.add(EntryProblem.of("residentId", "records.error.resident.unknown", e.residentId()));
        }
        if (organisations.findById(e.organisationId()).isEmpty()) {
            problems.add(EntryProblem.of("organisationId", "records.error.organisation.unknown", e.organisationId()));
        }
        if (e.authorPractitionerId() != null && practitioners.findById(e.authorPractitionerId()).isEmpty()) {
            problems.add(EntryProblem.of("authorPractitionerId", "records.error.author.unknown", e.authorPractitionerId()));
        }
        if (e.encounterId() != null && residentId != null) {
            Optional<ClinicalEntry> encounter = store.find(e.encounterId());
            if (encounter.isEmpty() || encounter.get().kind() != EntryKind.ENCOUNTER || encounter.get().voided()
                    || !residents.recordIds(residentId).contains(encounter.get().residentId())) {
                problems.add(EntryProblem.of("encounterId", "records.error.encounter.unknown", e.encounterId()));
            }
        }
        if (!problems.isEmpty()) {
            throw new EntryInputException(problems);
        }
        Optional<Long> inserted = store.insert(residentId, checked, accountId());
        if (inserted.isEmpty()) {
            ClinicalEntry existing = store.findBySource(e.organisationId(), e.sourceSystem(), e.sourceId()).orElseThrow();
            if (existing.kind() != e.kind() || !residents.recordIds(residentId).contains(existing.residentId())) {
                throw new EntryConflictException("source id " + e.sourceId() + " of " + e.sourceSystem()
                        + " already names entry " + existing.id() + " of another resident or kind");
            }
            return existing.id();
        }
        long id = inserted.get();
        audit.record(AuditEvent.write(residentId, action, e.kind().name(), Long.toString(id), purpose));
        events.publishEvent(new EntryRecorded(id, residentId, e.kind(), e.organisationId(),
                e.interpretation() != null && e.interpretation().critical()));
        return id;
    }

    private List<Long> recordIds(long residentId) {
        return residents.recordIds(residentId);
    }

    private void audited(long residentId, List<Long> ids, String action, String objectType, String purpose) {
        audit.record(AuditEvent.read(ids.isEmpty() ? residentId : ids.getFirst(), action, objectType, null, purpose));
    }

    private Long accountId() {
        return currentActor.current().map(Actor::accountId).orElse(null);
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to use a health record");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new EntryInputException(List.of(EntryProblem.of("reason", "records.error.reason.required")));
        }
    }

    /**
     * The items recorded within one encounter (diagnoses, results, prescriptions…), oldest first, at most the
     * configured maximum page size; audited.
     */
    public List<ClinicalEntry> encounterItems(long encounterId, String purpose) {
        requirePurpose(purpose);
        List<ClinicalEntry> items = store.ofEncounter(encounterId, properties.maxPageSize());
        items.stream().map(ClinicalEntry::residentId).distinct().forEach(resident ->
                audit.record(AuditEvent.read(resident, "VIEW_ENCOUNTER_ITEMS", "Encounter", Long.toString(encounterId),
                        purpose)));
        return items;
    }

    /** The organisations that have standing entries in the resident's record (for a filter), at most 200. */
    public List<Long> organisationsOf(long residentId, String purpose) {
        requirePurpose(purpose);
        List<Long> ids = recordIds(residentId);
        audited(residentId, ids, "VIEW_RECORD_SOURCES", "Organization", purpose);
        return ids.isEmpty() ? List.of() : store.organisationIds(ids, 200);
    }
}
