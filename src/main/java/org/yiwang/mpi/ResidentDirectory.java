package org.yiwang.mpi;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.yiwang.mpi.matching.ChineseNames;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditedRead;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Finding and reading residents for registrars and clinicians: search, details, history, and the likely existing
 * residents of a registration. Every resident whose data is returned is recorded in the audit trail with the
 * caller's purpose, without a transaction of their own ({@link AuditedRead}).
 */
@Service
@AuditedRead
public class ResidentDirectory {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int HISTORY_LIMIT = 100;

    private final ResidentQueries queries;
    private final ResidentValidator validator;
    private final CandidateRanking ranking;
    private final FieldEncryption encryption;
    private final AuditTrail auditTrail;
    private final MpiProperties properties;
    private final CountyDivisions divisions;

    ResidentDirectory(ResidentQueries queries, ResidentValidator validator, CandidateRanking ranking,
            FieldEncryption encryption, AuditTrail auditTrail, MpiProperties properties, CountyDivisions divisions) {
        this.queries = queries;
        this.validator = validator;
        this.ranking = ranking;
        this.encryption = encryption;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.divisions = divisions;
    }

    /** A page of search results; {@code nextAfter} continues the search, null on the last page. */
    public record Page(List<ResidentListItem> residents, Long nextAfter) {
    }

    /** A village of the county for the address field: 12-digit division code and a readable label. */
    public record Village(String divisionCode, String label) {
    }

    public List<Village> villages(Locale locale) {
        return divisions.villages(locale).stream().map(v -> new Village(v.divisionCode(), v.label())).toList();
    }

    /**
     * Searches living residents. {@code query} is told apart by its shape: an identity-document number (exact, by
     * blind index over every document type), a phone number (exact, by blind index), a 17-digit health-record
     * number, a date {@code yyyy-MM-dd}, Chinese characters (name prefix, traditional folded to simplified) or
     * Latin letters (pinyin prefix, spaces ignored). {@code birthDate} narrows any of these.
     */
    public Page search(String query, LocalDate birthDate, long afterId, String purpose) {
        requirePurpose(purpose);
        String q = query == null ? "" : query.strip();
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            conditions.add(condition(q, parameters));
        }
        if (birthDate != null) {
            conditions.add("r.birth_date = :birthDate");
            parameters.put("birthDate", birthDate);
        }
        if (conditions.isEmpty()) {
            return new Page(List.of(), null);
        }
        int size = properties.pageSize();
        List<ResidentListItem> rows = queries.search(String.join(") and (", conditions), parameters, afterId, size + 1);
        boolean more = rows.size() > size;
        List<ResidentListItem> shown = more ? rows.subList(0, size) : rows;
        shown.forEach(r -> audit(r.id(), "SEARCH_RESIDENTS", purpose));
        return new Page(List.copyOf(shown), more ? shown.getLast().id() : null);
    }

    private String condition(String q, Map<String, Object> parameters) {
        String compact = q.replaceAll("[\\s-]", "");
        if (compact.matches("[0-9]{17}")) {
            parameters.put("hrn", compact);
            // the number of a record merged since finds the survivor
            return "r.id = " + ResidentQueries.currentRecord("health_record_number = cast(:hrn as bpchar)");
        }
        if (q.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            try {
                parameters.put("queryDate", LocalDate.parse(q));
                return "r.birth_date = :queryDate";
            } catch (java.time.format.DateTimeParseException e) {
                return "false";
            }
        }
        List<byte[]> documentIndexes = new ArrayList<>();
        for (IdentityDocumentType type : IdentityDocumentType.values()) {
            if (type == IdentityDocumentType.PASSPORT) {
                continue; // a passport is unique per issuing country: search with country:number
            }
            if (IdentityDocumentNumber.parse(type, compact, null, LocalDate.now(CHINA))
                    instanceof IdentityDocumentNumber.Valid valid) {
                documentIndexes.add(encryption.blindIndex(ResidentValidator.indexedValue(valid.number()),
                        type.context()));
            }
        }
        if (compact.matches("[A-Za-z]{3}:[A-Za-z0-9]{5,17}")) {
            String[] parts = compact.split(":");
            documentIndexes.add(encryption.blindIndex(parts[0].toUpperCase(Locale.ROOT) + ":"
                    + parts[1].toUpperCase(Locale.ROOT), IdentityDocumentType.PASSPORT.context()));
        }
        if (!documentIndexes.isEmpty()) {
            parameters.put("documentIndexes", documentIndexes);
            return """
                    r.id in (select resident_id from mpi.identity_document
                             where number_index in (:documentIndexes) and voided_at is null)""";
        }
        if (PhoneNumber.parse(q) instanceof PhoneNumber.Valid phone) {
            parameters.put("phoneIndex", encryption.blindIndex(phone.phone().value(), Residents.PHONE_CONTEXT));
            return """
                    r.id in (select resident_id from mpi.resident_phone
                             where phone_index = :phoneIndex and voided_at is null)""";
        }
        if (q.codePoints().anyMatch(ChineseNames::isHan)) {
            parameters.put("namePrefix", likePrefix(ChineseNames.simplified(q).replaceAll("\\s+", "")));
            return "r.name like :namePrefix";
        }
        String key = q.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (key.isEmpty()) {
            return "false";
        }
        parameters.put("pinyinPrefix", likePrefix(key));
        return "r.pinyin_key like :pinyinPrefix";
    }

    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The resident with documents, phones, guardian, wards and household; the read is audited. */
    public Optional<ResidentDetails> details(long id, String purpose) {
        requirePurpose(purpose);
        Optional<ResidentDetails> details = queries.details(id);
        details.ifPresent(d -> audit(id, "VIEW_RESIDENT_DETAILS", purpose));
        return details;
    }

    /**
     * The resident that {@code id} stands for now — itself, or the survivor when it was merged (as
     * {@link Residents#resolve}) — without relatives, in one query; the read of the current record is audited.
     */
    public Optional<ResidentRecord> currentResident(long id, String purpose) {
        requirePurpose(purpose);
        Optional<ResidentRecord> resident = queries.currentResident(id);
        resident.ifPresent(r -> audit(r.id(), "VIEW_RESIDENT_DETAILS", purpose));
        return resident;
    }

    /** The recorded versions of a resident, newest first (at most 100); the read is audited. */
    public List<ResidentVersion> history(long id, String purpose) {
        requirePurpose(purpose);
        List<ResidentVersion> versions = queries.history(id, HISTORY_LIMIT);
        // the survivor's history shows the versions of records merged into it: each record read is audited
        versions.stream().map(ResidentVersion::residentId).distinct()
                .forEach(residentId -> audit(residentId, "VIEW_RESIDENT_HISTORY", purpose));
        return versions;
    }

    /**
     * Residents already on file who may be the person in {@code draft}, most likely first, at most
     * {@code yiwang.mpi.candidate-limit}. Only a draft that passes validation is looked up; an invalid one throws
     * {@link ResidentInputException}. Each candidate shown is audited.
     */
    public List<DuplicateCandidate> likelyExisting(ResidentDraft draft, String purpose) {
        requirePurpose(purpose);
        ResidentValidator.ValidResident resident = validator.validate(draft, null, LocalDate.now(CHINA));
        return likelyExisting(resident, -1L, purpose);
    }

    List<DuplicateCandidate> likelyExisting(ResidentValidator.ValidResident resident, long excludeId, String purpose) {
        List<byte[]> documents = resident.documents().stream()
                .map(d -> encryption.blindIndex(ResidentValidator.indexedValue(d), d.type().context()))
                .toList();
        List<byte[]> phones = resident.phones().stream()
                .map(p -> encryption.blindIndex(p.value(), Residents.PHONE_CONTEXT))
                .toList();
        var found = queries.candidates(new ResidentQueries.CandidateProbe(documents, phones, resident.pinyinKey(),
                resident.birthDate(), resident.sex(), excludeId), properties.nameSimilarity());
        if (found.isEmpty()) {
            return List.of();
        }
        Map<Long, ResidentQueries.Protected> identifiers = queries.protectedIdentifiers(found.keySet());
        List<CandidateRanking.Candidate> candidates = queries.listItems(found.keySet()).stream()
                .map(item -> new CandidateRanking.Candidate(new DuplicateCandidate(item, found.get(item.id()), 0.0),
                        person(item, identifiers.get(item.id()))))
                .toList();
        CandidateRanking.Person probe = new CandidateRanking.Person(resident.name(), resident.sex(),
                resident.birthDate(), resident.documents().isEmpty() ? null : resident.documents().getFirst().value(),
                resident.phones().isEmpty() ? null : resident.phones().getFirst().value(), resident.address());
        List<DuplicateCandidate> ranked = ranking.rank(probe, candidates);
        List<DuplicateCandidate> shown = ranked.stream().limit(properties.candidateLimit()).toList();
        shown.forEach(c -> audit(c.resident().id(), "SHOW_DUPLICATE_CANDIDATE", purpose));
        return shown;
    }

    /** The candidate's values for the comparison: the primary resident ID and phone decrypted, in memory only. */
    private CandidateRanking.Person person(ResidentListItem item, ResidentQueries.Protected identifiers) {
        String idNumber = identifiers == null || identifiers.idNumber() == null ? null
                : encryption.decrypt(identifiers.idNumber(), Residents.ID_NUMBER_CONTEXT);
        String phone = identifiers == null || identifiers.phone() == null ? null
                : encryption.decrypt(identifiers.phone(), Residents.PHONE_CONTEXT);
        return new CandidateRanking.Person(item.name(), item.sex(), item.birthDate(), idNumber, phone, item.address());
    }

    private void audit(long residentId, String action, String purpose) {
        auditTrail.record(AuditEvent.read(residentId, action, "Resident", Long.toString(residentId), purpose));
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to read a resident");
        }
    }
}
