package org.yiwang.mpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * Registering and editing residents (issue 3): validation with precise field problems, the likely existing
 * residents before a new record is made, health-record numbers (REC-03), identity documents and phones stored
 * encrypted with blind indexes, and a version per change. Every write is audited; the organisation is the
 * actor's acting organisation.
 */
@Service
@Transactional
public class ResidentRegistration {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String PURPOSE = "resident registration";

    private final ResidentValidator validator;
    private final ResidentWriter writer;
    private final ResidentDirectory directory;
    private final CurrentActor currentActor;
    private final AuditTrail auditTrail;
    private final FieldEncryption encryption;
    private final MpiProperties properties;
    private final JdbcClient jdbc;
    private final ReviewQueue reviewQueue;
    private final HealthRecordSerials serials;

    ResidentRegistration(ResidentValidator validator, ResidentWriter writer, ResidentDirectory directory,
            CurrentActor currentActor, AuditTrail auditTrail, FieldEncryption encryption, MpiProperties properties,
            JdbcClient jdbc, ReviewQueue reviewQueue, HealthRecordSerials serials) {
        this.reviewQueue = reviewQueue;
        this.serials = serials;
        this.validator = validator;
        this.writer = writer;
        this.directory = directory;
        this.currentActor = currentActor;
        this.auditTrail = auditTrail;
        this.encryption = encryption;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /** What came of a registration. */
    public sealed interface Outcome permits Registered, CandidatesFound {
    }

    /**
     * A new resident on file.
     *
     * @param likelyExisting residents that may be the same person, registered anyway (they go to review)
     * @param replayed true when an idempotent retry returned the resident created by the first request
     */
    public record Registered(long residentId, String healthRecordNumber, List<DuplicateCandidate> likelyExisting,
            boolean replayed) implements Outcome {
    }

    /** Nothing stored: the registrar must choose one of these or register anyway with a reason. */
    public record CandidatesFound(List<DuplicateCandidate> candidates) implements Outcome {
    }

    /**
     * Registers a resident after validating {@code draft}. When likely existing residents are found and
     * {@code registerAnywayReason} is blank, nothing is stored and they are returned instead.
     *
     * @throws ResidentInputException with every invalid field, including a document already registered
     */
    public Outcome register(ResidentDraft draft, String registerAnywayReason) {
        Actor actor = actor();
        ResidentValidator.ValidResident resident = validator.validate(draft, null, today());
        List<DuplicateCandidate> candidates = directory.likelyExisting(resident, -1L, PURPOSE);
        String reason = blankToNull(registerAnywayReason);
        if (reason != null && reason.length() > 200) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.TOO_LONG", 200)));
        }
        if (!candidates.isEmpty() && reason == null) {
            return new CandidatesFound(candidates);
        }
        ResidentWriter.Inserted inserted = store(resident, actor, candidates.isEmpty() ? null : reason);
        queueForReview(inserted.id(), candidates);
        return new Registered(inserted.id(), inserted.healthRecordNumber().value(), candidates, false);
    }

    /**
     * Registers for a client system that retries (township networks): the same {@code key} from the same client
     * with the same request returns the resident created the first time; with a different request it is refused.
     * Likely existing residents do not block (they are returned, for review); an already registered document does.
     * Without a key ({@code null}) every call registers.
     */
    public Registered registerForClient(String key, String requestFingerprint, ResidentDraft draft) {
        Actor actor = actor();
        if (key == null) {
            return registerForClient(actor, draft);
        }
        String client = actor.username();
        byte[] hash = sha256(requestFingerprint);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", "mpi.idempotency:" + client + ":" + key).query().singleRow();
        record Earlier(long residentId, byte[] hash) {
        }
        Optional<Earlier> earlier = jdbc.sql("""
                        select resident_id, request_hash from mpi.idempotency_key where client = :client and key = :key
                        """)
                .param("client", client).param("key", key)
                .query((rs, n) -> new Earlier(rs.getLong(1), rs.getBytes(2)))
                .optional();
        if (earlier.isPresent()) {
            if (!Arrays.equals(earlier.get().hash(), hash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new Registered(earlier.get().residentId(), healthRecordNumberOf(earlier.get().residentId()),
                    List.of(), true);
        }
        Registered registered = registerForClient(actor, draft);
        jdbc.sql("""
                        insert into mpi.idempotency_key (client, key, request_hash, resident_id)
                        values (:client, :key, :hash, :resident)
                        """)
                .param("client", client).param("key", key).param("hash", hash).param("resident", registered.residentId())
                .update();
        return registered;
    }

    private Registered registerForClient(Actor actor, ResidentDraft draft) {
        ResidentValidator.ValidResident resident = validator.validate(draft, null, today());
        List<DuplicateCandidate> candidates = directory.likelyExisting(resident, -1L, PURPOSE);
        ResidentWriter.Inserted inserted = store(resident, actor,
                candidates.isEmpty() ? null : "API: likely existing residents left to review");
        queueForReview(inserted.id(), candidates);
        return new Registered(inserted.id(), inserted.healthRecordNumber().value(), candidates, false);
    }

    /** Registered anyway beside likely existing residents: the pairs the engine rates for review go to the queue. */
    private void queueForReview(long id, List<DuplicateCandidate> candidates) {
        reviewQueue.enqueueCandidates(id, candidates.stream().map(c -> c.resident().id()).toList(),
                MatchReview.Source.REGISTRATION);
    }

    private ResidentWriter.Inserted store(ResidentValidator.ValidResident resident, Actor actor,
            String registeredDespite) {
        long organisation = organisationOf(actor);
        String by = actor.username();
        // null: a household of their own, made by the resident's insert
        Long household = resident.householdMemberId() != null ? writer.householdOf(resident.householdMemberId(), by) : null;
        ResidentWriter.Inserted inserted;
        try {
            inserted = writer.insertNewResident(serials.next(resident.divisionCode()), resident, household,
                    organisation, by, registeredDespite);
        } catch (DuplicateKeyException race) {
            throw alreadyRegistered(resident, -1L);
        }
        long id = inserted.id();
        RegisteredNow.add(id);
        auditTrail.record(AuditEvent.write(id, "REGISTER_RESIDENT", "Resident", Long.toString(id), PURPOSE));
        return inserted;
    }

    private void addDocumentsAndPhones(long id, ResidentValidator.ValidResident resident, String by) {
        for (IdentityDocumentNumber document : resident.documents()) {
            writer.insertDocument(id, document, false, by);
        }
        for (PhoneNumber phone : resident.phones()) {
            writer.insertPhone(id, phone, false, by);
        }
        writer.settlePrimaries(id);
    }

    /** A concurrent registration took a document between validation and insert: say which, as validation would. */
    private ResidentInputException alreadyRegistered(ResidentValidator.ValidResident resident, long self) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < resident.documents().size(); i++) {
            int index = i;
            validator.registeredTo(resident.documents().get(i), new ResidentValidator.Existing(self, List.of()))
                    .ifPresent(owner -> problems.add(FieldProblem.of("documents[" + index + "].number",
                            "mpi.document.error.ALREADY_REGISTERED", owner.healthRecordNumber())));
        }
        if (problems.isEmpty()) {
            problems.add(FieldProblem.of("documents", "mpi.document.error.CONCURRENT"));
        }
        return new ResidentInputException(problems);
    }

    /**
     * Edits a resident: the demographic fields are replaced by {@code draft}'s, its documents and phones are added,
     * and the listed documents and phones are voided (kept, never deleted). The previous state stays in the version
     * history with who, when and {@code reason}.
     *
     * @param expectedVersion the version the editor saw; a newer one on file refuses the edit (no lost updates)
     */
    public void update(long residentId, int expectedVersion, ResidentDraft draft, Set<Long> voidDocumentIds,
            Set<Long> voidPhoneIds, String reason) {
        Actor actor = actor();
        String why = blankToNull(reason);
        if (why == null) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.REQUIRED")));
        }
        if (why.length() > 200) {
            throw new ResidentInputException(List.of(FieldProblem.of("reason", "mpi.reason.error.TOO_LONG", 200)));
        }
        Integer version = jdbc.sql("select version from mpi.resident where id = :id and voided_at is null for update")
                .param("id", residentId).query(Integer.class).optional()
                .orElseThrow(() -> new ResidentNotFoundException(residentId));
        if (version != expectedVersion) {
            throw new ResidentInputException(List.of(FieldProblem.of("version", "mpi.edit.error.STALE",
                    expectedVersion, version)));
        }
        List<IdentityDocumentNumber> kept = keptDocumentFacts(residentId, voidDocumentIds);
        ResidentValidator.ValidResident resident = validator.validate(draft,
                new ResidentValidator.Existing(residentId, kept), today());
        long organisation = organisationOf(actor);
        String by = actor.username();
        writer.updateResident(residentId, resident, organisation, by);
        writer.voidDocuments(residentId, voidDocumentIds, by, why);
        writer.voidPhones(residentId, voidPhoneIds, by, why);
        try {
            addDocumentsAndPhones(residentId, resident, by);
        } catch (DuplicateKeyException race) {
            throw alreadyRegistered(resident, residentId);
        }
        if (resident.householdMemberId() != null && resident.householdMemberId() != residentId) {
            writer.setHousehold(residentId, writer.householdOf(resident.householdMemberId(), by));
        }
        writer.snapshot(List.of(residentId), "UPDATED", why, by, organisation);
        auditTrail.record(AuditEvent.write(residentId, "UPDATE_RESIDENT", "Resident", Long.toString(residentId),
                PURPOSE));
        // an edit can make the record look like another one (a corrected name or birth date): queue such pairs
        reviewQueue.enqueueCandidates(residentId, directory.likelyExisting(resident, residentId, ReviewQueue.PURPOSE)
                .stream().map(c -> c.resident().id()).toList(), MatchReview.Source.EDIT);
    }

    /** Birth date and sex carried by the living documents the edit keeps, so the edit must agree with them. */
    private List<IdentityDocumentNumber> keptDocumentFacts(long residentId, Set<Long> voided) {
        record Stored(long id, IdentityDocumentType type, byte[] ciphertext) {
        }
        List<Stored> stored = jdbc.sql("""
                        select id, type, number_ciphertext from mpi.identity_document
                        where resident_id = :id and voided_at is null
                          and type in ('RESIDENT_ID', 'HK_MO_TW_RESIDENCE_PERMIT', 'FOREIGN_PERMANENT_RESIDENT_ID')
                        """)
                .param("id", residentId)
                .query((rs, n) -> new Stored(rs.getLong(1), IdentityDocumentType.valueOf(rs.getString(2)), rs.getBytes(3)))
                .list();
        List<IdentityDocumentNumber> kept = new ArrayList<>();
        for (Stored document : stored) {
            if (voided.contains(document.id())) {
                continue;
            }
            String number = encryption.decrypt(document.ciphertext(), document.type().context());
            if (IdentityDocumentNumber.parse(document.type(), number, null, LocalDate.of(9999, 12, 31))
                    instanceof IdentityDocumentNumber.Valid valid) {
                kept.add(valid.number());
            }
        }
        return kept;
    }

    /** A revealed identity-document number with the legacy original, if any. */
    public record RevealedDocument(long documentId, IdentityDocumentType type, String number, String asTyped) {
    }

    /** Whether the signed-in user holds one of the roles in {@code yiwang.mpi.unmask-roles} (MASK-04). */
    public boolean mayRevealDocuments() {
        return actor().roles().stream().anyMatch(properties.unmaskRoles()::contains);
    }

    /**
     * The full number of a document, for the roles in {@code yiwang.mpi.unmask-roles} (MASK-04); audited.
     *
     * @throws AccessDeniedException for other roles
     */
    public RevealedDocument revealDocument(long residentId, long documentId, String purpose) {
        if (!mayRevealDocuments()) {
            throw new AccessDeniedException("revealing identity documents needs one of " + properties.unmaskRoles());
        }
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to reveal a document");
        }
        record Stored(IdentityDocumentType type, byte[] ciphertext, byte[] original) {
        }
        Stored stored = jdbc.sql("""
                        select type, number_ciphertext, original_ciphertext from mpi.identity_document
                        where id = :id and resident_id = :resident and voided_at is null
                        """)
                .param("id", documentId).param("resident", residentId)
                .query((rs, n) -> new Stored(IdentityDocumentType.valueOf(rs.getString(1)), rs.getBytes(2),
                        rs.getBytes(3)))
                .optional()
                .orElseThrow(() -> new ResidentNotFoundException(residentId));
        String number = encryption.decrypt(stored.ciphertext(), stored.type().context());
        String original = stored.original() == null ? null
                : encryption.decrypt(stored.original(), stored.type().context() + ".as_typed");
        auditTrail.record(new AuditEvent(AuditEvent.Category.HEALTH_DATA_READ, "REVEAL_IDENTITY_DOCUMENT", residentId,
                "IdentityDocument", Long.toString(documentId), purpose, AuditEvent.Outcome.SUCCESS, null,
                stored.type().name()));
        return new RevealedDocument(documentId, stored.type(), number, original);
    }

    private String healthRecordNumberOf(long id) {
        return jdbc.sql("select health_record_number from mpi.resident where id = :id").param("id", id)
                .query(String.class).single();
    }

    private Actor actor() {
        return currentActor.require();
    }

    private static long organisationOf(Actor actor) {
        if (actor.actingOrganisationId() == null) {
            throw new AccessDeniedException("registering residents needs an acting organisation");
        }
        return actor.actingOrganisationId();
    }

    private static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
