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
import org.yiwang.platform.audit.AuditedRead;
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
 * <p>
 * Every read is checked by {@link RecordAccess}: a reader without a care relationship, emergency override or other
 * ground gets a {@link RecordAccessDeniedException}; a reader with one sees the items of other organisations except
 * those the resident hid and those of sensitive categories without a grant. Recording an item makes the recording
 * organisation one that treats the resident ({@link CareRelationshipKind#TREATING}). Reads run without a transaction
 * of their own ({@link AuditedRead}).
 */
@Service
// a refusal commits: its audit entry must stay (SEC-05), and nothing else was written before the check
@Transactional(noRollbackFor = RecordAccessDeniedException.class)
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
    private final RecordAccess access;
    private final CareRelationships relationships;

    HealthRecord(EntryStore store, IcdCodes icdCodes, ObservationCatalogue observations, Residents residents,
                 Organisations organisations, Practitioners practitioners, AuditTrail audit, CurrentActor currentActor,
                 ApplicationEventPublisher events, RecordsProperties properties, Clock clock, RecordAccess access,
                 CareRelationships relationships) {
        this.store = store;
        this.access = access;
        this.relationships = relationships;
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
        return recordOrFind(entry, purpose).id();
    }

    /**
     * What {@link #recordOrFind} did.
     *
     * @param created false when the sender's id named an entry already on file, which is returned instead
     */
    public record Recorded(long id, boolean created) {
    }

    /** {@link #record}, telling a new entry from a retry's (a replayed visit answers 200 rather than 201). */
    public Recorded recordOrFind(NewEntry entry, String purpose) {
        requirePurpose(purpose);
        return add(entry, purpose, "RECORD_ENTRY");
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
        requireWritingFor(old.organisationId());
        if (old.voided()) {
            throw new EntryConflictException("entry " + entryId + " was voided already (" + old.voidReason() + ")");
        }
        if (replacement.kind() != old.kind() || !residents.recordIds(old.residentId()).contains(
                residents.resolve(replacement.residentId()).orElse(-1L))) {
            throw new EntryInputException(List.of(EntryProblem.of("kind", "records.error.correction.same")));
        }
        long newId = add(replacement, purpose, "CORRECT_ENTRY").id();
        WriteContext.current(audit::recordAll).ifPresent(WriteContext::entryVoided);
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
        requireWritingFor(old.organisationId());
        WriteContext.current(audit::recordAll).ifPresent(WriteContext::entryVoided);
        if (!store.voidEntry(entryId, reason.strip(), null, accountId())) {
            throw new EntryConflictException("entry " + entryId + " was voided already");
        }
        audit.record(AuditEvent.write(old.residentId(), "VOID_ENTRY", old.kind().name(), Long.toString(entryId), purpose));
    }

    /**
     * One entry, voided or not; the read is audited. Empty as well when the reader may read the record but not this
     * item (hidden by the resident, or of a sensitive category without a grant).
     *
     * @throws RecordAccessDeniedException when the reader may not read the resident's record
     */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public Optional<ClinicalEntry> find(long entryId, String purpose) {
        requirePurpose(purpose);
        Optional<ClinicalEntry> entry = store.find(entryId);
        if (entry.isEmpty()) {
            return entry;
        }
        ClinicalEntry e = entry.get();
        RecordAccess.Scope scope = access.require(e.residentId(), purpose);
        if (!scope.visibility().shows(e)) {
            return Optional.empty();
        }
        audit.record(AuditEvent.read(e.residentId(), "VIEW_ENTRY", e.kind().name(), Long.toString(e.id()),
                scope.purpose()));
        return entry;
    }

    /**
     * The entry an organisation's system sent under its own id ({@code sourceSystem|sourceId}), voided or not, if the
     * reader may see it: what a retried or conditional create finds (FHIR {@code If-None-Exist: identifier=…}).
     * Uses the unique index of sender ids; audited as a read.
     *
     * @throws RecordAccessDeniedException when the reader may not read the resident's record
     */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public Optional<ClinicalEntry> findBySource(long organisationId, String sourceSystem, String sourceId,
                                                String purpose) {
        requirePurpose(purpose);
        Optional<ClinicalEntry> entry = store.findBySource(organisationId, sourceSystem, sourceId);
        if (entry.isEmpty()) {
            return entry;
        }
        ClinicalEntry e = entry.get();
        RecordAccess.Scope scope = access.require(e.residentId(), purpose);
        if (!scope.visibility().shows(e)) {
            return Optional.empty();
        }
        audit.record(AuditEvent.read(e.residentId(), "VIEW_ENTRY", e.kind().name(), Long.toString(e.id()),
                scope.purpose()));
        return entry;
    }

    /** Entries by id in the order asked, unknown ones skipped (the results of a report, say); audited per resident. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> findAll(Collection<Long> entryIds, String purpose) {
        requirePurpose(purpose);
        if (entryIds.size() > properties.maxPageSize()) {
            throw new IllegalArgumentException("at most " + properties.maxPageSize() + " entries at once");
        }
        List<ClinicalEntry> entries = store.findAll(entryIds);
        Map<Long, RecordAccess.Scope> scopes = new LinkedHashMap<>();
        for (ClinicalEntry e : entries) {
            scopes.computeIfAbsent(e.residentId(), resident -> access.require(resident, purpose));
        }
        scopes.forEach((resident, scope) ->
                audit.record(AuditEvent.read(resident, "VIEW_ENTRIES", "Entry", null, scope.purpose())));
        return entries.stream().filter(e -> scopes.get(e.residentId()).visibility().shows(e)).toList();
    }

    /** A page of the resident's record, newest first, across every organisation. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public TimelinePage timeline(long residentId, TimelineQuery query, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        audited(residentId, scope.recordIds(), "VIEW_TIMELINE", "Timeline", scope.purpose());
        return timeline(scope, query);
    }

    private TimelinePage timeline(RecordAccess.Scope scope, TimelineQuery query) {
        List<Long> ids = scope.recordIds();
        int limit = query.limit() == 0 ? properties.pageSize() : Math.min(query.limit(), properties.maxPageSize());
        List<ClinicalEntry> rows = ids.isEmpty() ? List.of() : store.timeline(ids, scope.visibility(), query, limit);
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
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> series(long residentId, Collection<String> codes, Instant since, int limit, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        List<Long> ids = scope.recordIds();
        audited(residentId, ids, "VIEW_SERIES", "Observation", scope.purpose());
        if (ids.isEmpty() || codes.isEmpty()) {
            return List.of();
        }
        return store.series(ids, scope.visibility(), codes, since, Math.min(Math.max(limit, 1), properties.maxPageSize()));
    }

    /** Diagnoses that are active, newest first, one per code (the latest says whether it is still active). */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> activeProblems(long residentId, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        audited(residentId, scope.recordIds(), "VIEW_PROBLEMS", "Condition", scope.purpose());
        return activeProblems(scope);
    }

    /** Prescriptions still running today from any organisation, newest first. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> activeMedications(long residentId, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        audited(residentId, scope.recordIds(), "VIEW_MEDICATIONS", "MedicationRequest", scope.purpose());
        return activeMedications(scope);
    }

    /** Active allergies and intolerances, newest first. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> allergies(long residentId, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        audited(residentId, scope.recordIds(), "VIEW_ALLERGIES", "AllergyIntolerance", scope.purpose());
        return allergies(scope);
    }

    /**
     * What the clinician's record page shows first, with one access decision and one audit entry: allergies, active
     * problems and medications, the organisations with items, and a page of the timeline.
     */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public RecordOverview overview(long residentId, TimelineQuery query, String purpose) {
        requirePurpose(purpose);
        RecordAccess.Scope scope = access.require(residentId, purpose);
        List<Long> ids = scope.recordIds();
        audited(residentId, ids, "VIEW_RECORD_OVERVIEW", "Record", scope.purpose());
        return new RecordOverview(allergies(scope), activeProblems(scope), activeMedications(scope),
                ids.isEmpty() ? List.of() : store.organisationIds(ids, scope.visibility(), 200), timeline(scope, query));
    }

    private List<ClinicalEntry> activeProblems(RecordAccess.Scope scope) {
        if (scope.recordIds().isEmpty()) {
            return List.of();
        }
        Map<String, ClinicalEntry> latestByCode = new LinkedHashMap<>();
        for (ClinicalEntry c : store.ofKind(scope.recordIds(), scope.visibility(), EntryKind.CONDITION,
                EntryKind.CONDITION.statuses(), SUMMARY_LIMIT * 5)) {
            latestByCode.putIfAbsent(c.code().code(), c);
        }
        return latestByCode.values().stream().filter(c -> ACTIVE_PROBLEM.contains(c.status()))
                .limit(SUMMARY_LIMIT).toList();
    }

    private List<ClinicalEntry> activeMedications(RecordAccess.Scope scope) {
        if (scope.recordIds().isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return store.ofKind(scope.recordIds(), scope.visibility(), EntryKind.MEDICATION_REQUEST, List.of("active"),
                        SUMMARY_LIMIT * 5).stream()
                .filter(m -> m.endedAt() == null || m.endedAt().isAfter(now))
                .limit(SUMMARY_LIMIT).toList();
    }

    private List<ClinicalEntry> allergies(RecordAccess.Scope scope) {
        return scope.recordIds().isEmpty() ? List.of()
                : store.ofKind(scope.recordIds(), scope.visibility(), EntryKind.ALLERGY, List.of("active"), SUMMARY_LIMIT);
    }

    /**
     * Results of the same test as {@code loincCode} (or one that counts as the same, see
     * {@link ObservationCatalogue#equivalents}) from any organisation within the configured sharing window, newest
     * first: shown before a clinician orders the test again (检查检验结果互认).
     */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> recentEquivalentResults(long residentId, String loincCode, String purpose) {
        return series(residentId, observations.equivalents(loincCode), clock.instant().minus(properties.sharingWindow()),
                10, purpose);
    }

    /** An attachment's bytes, if the reader sees its entry ({@link #find}); the read is audited. */
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public Optional<AttachmentContent> attachmentContent(long attachmentId, String purpose) {
        requirePurpose(purpose);
        Optional<AttachmentContent> content = store.attachment(attachmentId);
        if (content.isEmpty()) {
            return content;
        }
        ClinicalEntry e = store.find(content.get().attachment().entryId()).orElseThrow();
        RecordAccess.Scope scope = access.require(e.residentId(), purpose);
        if (!scope.visibility().shows(e)) {
            return Optional.empty();
        }
        audit.record(AuditEvent.read(e.residentId(), "VIEW_ATTACHMENT", "Attachment", Long.toString(attachmentId),
                scope.purpose()));
        return content;
    }

    /**
     * {@link #recordOrFind} of several items in one transaction, their rows inserted with one statement: each item is
     * checked as {@link #recordOrFind} checks it, then all are inserted, then each new one is audited (in list order)
     * and makes its organisation one that treats the resident. A retry's items (sender's id on file) are found, not
     * stored again. Items must not refer to each other (an Observation to an Encounter of the same list, say): the
     * ids are learnt only when all are stored.
     *
     * @return per item, in order, what was done
     * @throws EntryBatchException naming the first refused item; the caller's transaction must roll back
     */
    public List<Recorded> recordOrFindAll(List<NewEntry> entries, String purpose) {
        requirePurpose(purpose);
        Optional<WriteContext> context = WriteContext.current(audit::recordAll);
        List<EntryStore.Insert> rows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                rows.add(checked(entries.get(i), context));
            } catch (EntryInputException | EntryWriteDeniedException e) {
                throw new EntryBatchException(i, e);
            }
        }
        List<Optional<Long>> inserted = store.insertAll(rows, accountId());
        List<Recorded> recorded = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                recorded.add(stored(rows.get(i), inserted.get(i), context, purpose, "RECORD_ENTRY"));
            } catch (EntryConflictException e) {
                throw new EntryBatchException(i, e);
            }
        }
        return recorded;
    }

    private Recorded add(NewEntry entry, String purpose, String action) {
        // the lookups of the entries of one transaction (a Bundle) are made once; audit entries are written as one
        // statement before the commit
        Optional<WriteContext> context = WriteContext.current(audit::recordAll);
        EntryStore.Insert row = checked(entry, context);
        return stored(row, store.insert(row.residentId(), row.checked(), accountId()), context, purpose, action);
    }

    /** The checks of an item before it is stored: writer, fields, resident, organisation, author, encounter. */
    private EntryStore.Insert checked(NewEntry entry, Optional<WriteContext> context) {
        requireWritingFor(entry.organisationId());
        EntryValidator.Checked checked = validator.check(entry);
        NewEntry e = checked.entry();
        List<EntryProblem> problems = new ArrayList<>();
        Long residentId = context.map(c -> c.resolve(e.residentId(), () -> residents.resolve(e.residentId())))
                .orElseGet(() -> residents.resolve(e.residentId())).orElse(null);
        if (residentId == null) {
            problems.add(EntryProblem.of("residentId", "records.error.resident.unknown", e.residentId()));
        }
        if (!context.map(c -> c.organisationExists(e.organisationId(), () -> organisationExists(e.organisationId())))
                .orElseGet(() -> organisationExists(e.organisationId()))) {
            problems.add(EntryProblem.of("organisationId", "records.error.organisation.unknown", e.organisationId()));
        }
        Long author = e.authorPractitionerId();
        if (author != null && !context.map(c -> c.practitionerExists(author, () -> practitionerExists(author)))
                .orElseGet(() -> practitionerExists(author))) {
            problems.add(EntryProblem.of("authorPractitionerId", "records.error.author.unknown", e.authorPractitionerId()));
        }
        if (e.encounterId() != null && residentId != null
                && !context.map(c -> c.encounterChecked(e.encounterId(), residentId)).orElse(false)) {
            Optional<ClinicalEntry> encounter = store.find(e.encounterId());
            if (encounter.isEmpty() || encounter.get().kind() != EntryKind.ENCOUNTER || encounter.get().voided()
                    || !recordIds(context, residentId).contains(encounter.get().residentId())) {
                problems.add(EntryProblem.of("encounterId", "records.error.encounter.unknown", e.encounterId()));
            } else {
                context.ifPresent(c -> c.encounterValid(e.encounterId(), residentId));
            }
        }
        if (!problems.isEmpty()) {
            throw new EntryInputException(problems);
        }
        return new EntryStore.Insert(residentId, checked);
    }

    /** After the insert: the retry's entry found, or the new one treated, audited and announced. */
    private Recorded stored(EntryStore.Insert row, Optional<Long> inserted, Optional<WriteContext> context,
                            String purpose, String action) {
        NewEntry e = row.checked().entry();
        long residentId = row.residentId();
        if (inserted.isEmpty()) {
            ClinicalEntry existing = store.findBySource(e.organisationId(), e.sourceSystem(), e.sourceId()).orElseThrow();
            if (existing.kind() != e.kind() || !recordIds(context, residentId).contains(existing.residentId())) {
                throw new EntryConflictException("source id " + e.sourceId() + " of " + e.sourceSystem()
                        + " already names entry " + existing.id() + " of another resident or kind");
            }
            return new Recorded(existing.id(), false);
        }
        long id = inserted.get();
        if (e.kind() == EntryKind.ENCOUNTER) {
            // stored just now for this resident, standing: the items of the same transaction that refer to it need
            // not read it back
            context.ifPresent(c -> c.encounterValid(id, residentId));
        }
        if (context.map(c -> c.firstTreating(residentId, e.organisationId())).orElse(true)) {
            relationships.treating(residentId, e.organisationId());
        }
        AuditEvent written = AuditEvent.write(residentId, action, e.kind().name(), Long.toString(id), purpose);
        context.ifPresentOrElse(c -> c.audit(written), () -> audit.record(written));
        events.publishEvent(new EntryRecorded(id, residentId, e.kind(), e.organisationId(),
                e.interpretation() != null && e.interpretation().critical()));
        return new Recorded(id, true);
    }

    private boolean organisationExists(long organisationId) {
        return organisations.findById(organisationId).isPresent();
    }

    private boolean practitionerExists(long practitionerId) {
        return practitioners.findById(practitionerId).isPresent();
    }

    private List<Long> recordIds(Optional<WriteContext> context, long residentId) {
        return context.map(c -> c.recordIds(residentId, () -> residents.recordIds(residentId)))
                .orElseGet(() -> residents.recordIds(residentId));
    }

    private void audited(long residentId, List<Long> ids, String action, String objectType, String purpose) {
        audit.record(AuditEvent.read(ids.isEmpty() ? residentId : ids.getFirst(), action, objectType, null, purpose));
    }

    /** System jobs write for any organisation; staff and API clients only for the one they act for. */
    private void requireWritingFor(long organisationId) {
        Optional<Actor> actor = currentActor.current();
        if (actor.isEmpty()) {
            return;
        }
        Long acting = actor.get().actingOrganisationId();
        if (actor.get().kind() == Actor.Kind.RESIDENT || acting == null || acting != organisationId) {
            throw new EntryWriteDeniedException("acting for organisation " + acting + ", not for organisation "
                    + organisationId + " whose entry this is");
        }
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
    @AuditedRead(noRollbackFor = RecordAccessDeniedException.class)
    public List<ClinicalEntry> encounterItems(long encounterId, String purpose) {
        requirePurpose(purpose);
        List<ClinicalEntry> items = store.ofEncounter(encounterId, properties.maxPageSize());
        Map<Long, RecordAccess.Scope> scopes = new LinkedHashMap<>();
        for (ClinicalEntry e : items) {
            scopes.computeIfAbsent(e.residentId(), resident -> access.require(resident, purpose));
        }
        scopes.forEach((resident, scope) -> audit.record(AuditEvent.read(resident, "VIEW_ENCOUNTER_ITEMS", "Encounter",
                Long.toString(encounterId), scope.purpose())));
        return items.stream().filter(e -> scopes.get(e.residentId()).visibility().shows(e)).toList();
    }
}
