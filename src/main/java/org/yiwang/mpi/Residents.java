package org.yiwang.mpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditedRead;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Read access to the residents of the master index. Every read of a resident is recorded in the audit trail with
 * the caller's purpose; counts are aggregates and are not.
 * Audited reads ({@link AuditedRead}): each read and its audit entry run without a transaction of their own.
 */
@Service
@AuditedRead
public class Residents {

    /** Blind-index and encryption context of the ID number column. */
    static final String ID_NUMBER_CONTEXT = "mpi.resident.id_number";
    static final String PHONE_CONTEXT = "mpi.resident.phone";

    private static final String COLUMNS = """
            id, health_record_number, name, sex, birth_date, ethnicity, id_number_masked, phone_masked, division_code,
            address, guardian_resident_id, registered_organisation_id, voided_at""";

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditTrail auditTrail;

    Residents(JdbcClient jdbc, FieldEncryption encryption, AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.auditTrail = auditTrail;
    }

    /** Residents on file, voided records excluded. */
    public long count() {
        return jdbc.sql("select count(*) from mpi.resident where voided_at is null").query(Long.class).single();
    }

    /**
     * Residents on file by township: keys are the 9-digit division codes (county + township), in code order.
     * Residents registered at county level only are counted under their 6-digit county code.
     */
    public Map<String, Long> countByTownship() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select left(division_code, 9) as township, count(*) as n
                        from mpi.resident where voided_at is null
                        group by 1 order by 1
                        """)
                .query((rs, row) -> Map.entry(rs.getString("township"), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The resident, voided or not; the read is audited with {@code purpose}. */
    public Optional<ResidentSummary> findById(long id, String purpose) {
        requirePurpose(purpose);
        Optional<ResidentSummary> resident = jdbc.sql("select " + COLUMNS + " from mpi.resident where id = :id")
                .param("id", id)
                .query(Residents::map)
                .optional();
        resident.ifPresent(r -> audit(r, "VIEW_RESIDENT", purpose));
        return resident;
    }

    /**
     * The residents with these ids (voided or not), in one query, for lists that name many residents (worklists,
     * incoming referrals); at most 500 ids. Each resident returned is a read audited with {@code purpose}.
     */
    public Map<Long, ResidentSummary> findAllById(java.util.Collection<Long> ids, String purpose) {
        requirePurpose(purpose);
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (ids.size() > 500) {
            throw new IllegalArgumentException("at most 500 residents at once, not " + ids.size());
        }
        Map<Long, ResidentSummary> found = new java.util.LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from mpi.resident where id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(Residents::map)
                .list()
                .forEach(r -> found.put(r.id(), r));
        auditTrail.recordAll(found.values().stream().map(r -> AuditEvent.read(r.id(), "VIEW_RESIDENT", "Resident",
                Long.toString(r.id()), purpose)).toList());
        return found;
    }

    /**
     * The living record with this ID number, found by blind index without decrypting anything. A 15-digit legacy
     * number or a lower-case x is normalised first; the read is audited with {@code purpose}.
     *
     * @throws InvalidResidentIdNumberException when the number itself is invalid
     */
    public Optional<ResidentSummary> findByIdNumber(String idNumber, String purpose) {
        requirePurpose(purpose);
        ResidentIdNumber number = ResidentIdNumber.of(idNumber);
        // through the documents: a merged record's number moved to its survivor with the document
        Optional<ResidentSummary> resident = jdbc.sql("select " + COLUMNS + """
                         from mpi.resident where id = (
                            select d.resident_id from mpi.identity_document d
                            join mpi.resident r on r.id = d.resident_id and r.voided_at is null
                            where d.type = 'RESIDENT_ID' and d.number_index = :index and d.voided_at is null
                            limit 1)
                        """)
                .param("index", encryption.blindIndex(number.value(), ID_NUMBER_CONTEXT))
                .query(Residents::map)
                .optional();
        resident.ifPresent(r -> audit(r, "FIND_RESIDENT_BY_ID_NUMBER", purpose));
        return resident;
    }

    /**
     * The resident that {@code residentId} stands for now: itself, or — when it was merged into another record (see
     * {@link ResidentsMerged}) — the survivor, following chains of merges. Other modules call this with any resident
     * id they hold (from before or after a merge) and keep working; an unmerge ({@link ResidentsUnmerged}) makes an
     * id resolve to itself again. Unknown ids resolve to empty. Not audited: it reveals no personal data.
     */
    public Optional<Long> resolve(long residentId) {
        if (RegisteredNow.contains(residentId)) {
            return Optional.of(residentId);
        }
        return jdbc.sql("select id from mpi.resident where id = " + ResidentQueries.currentRecord("id = :id"))
                .param("id", residentId)
                .query(Long.class)
                .optional();
    }

    /**
     * Every id under which this resident's data may have been recorded by other modules: the record {@link #resolve}
     * gives and each record merged into it (directly or through others), the current one first. Empty for an unknown
     * id. Modules store the id they were given and read with this list, so that a merge needs no data moved and an
     * unmerge gives each record its own data back. Not audited: it reveals no personal data.
     */
    public List<Long> recordIds(long residentId) {
        // one query: the current record (depth 0, null for an unknown id) and the records merged into it
        return jdbc.sql("""
                        with recursive merged (id, depth) as (
                            select %s, 0
                            union all
                            select m.id, merged.depth + 1 from mpi.resident m
                            join merged on m.merged_into_id = merged.id where merged.depth < 100)
                        select id from merged where id is not null order by depth > 0, id
                        """.formatted(ResidentQueries.currentRecord("id = :id")))
                .param("id", residentId)
                .query(Long.class)
                .list();
    }

    /**
     * Living residents after {@code afterId} in id order, at most {@code limit} (≤ 10,000): the demographic slice that
     * loaders of synthetic clinical data (demo county, load commands) build histories from. One audit entry per page.
     */
    public List<ResidentDemographics> demographics(long afterId, int limit, String purpose) {
        requirePurpose(purpose);
        List<ResidentDemographics> page = jdbc.sql("""
                        select id, sex, birth_date, registered_organisation_id from mpi.resident
                        where id > :after and voided_at is null order by id limit :limit""")
                .param("after", afterId)
                .param("limit", Math.clamp(limit, 1, 10_000))
                .query((rs, row) -> new ResidentDemographics(rs.getLong("id"), Sex.fromCode(rs.getInt("sex")),
                        rs.getObject("birth_date", LocalDate.class), (Long) rs.getObject("registered_organisation_id")))
                .list();
        auditTrail.record(AuditEvent.administration("LIST_DEMOGRAPHICS", "Resident", null,
                page.size() + " residents for " + purpose));
        return page;
    }

    /** {@link #findById} of the resident that {@code residentId} resolves to ({@link #resolve}); audited. */
    public Optional<ResidentSummary> findCurrent(long residentId, String purpose) {
        requirePurpose(purpose);
        return resolve(residentId).flatMap(id -> findById(id, purpose));
    }


    /**
     * True when {@code guardianId} (or a record merged into it) is the recorded guardian of the living current
     * record {@code wardId}. Not audited: it answers a yes/no question about a relation the caller names.
     */
    public boolean isGuardian(long guardianId, long wardId) {
        return jdbc.sql("""
                        select exists(select 1 from mpi.resident
                                      where id = :ward and voided_at is null and merged_into_id is null
                                        and guardian_resident_id in """ + ResidentQueries.WITH_MERGED_INTO + ")")
                .param("ward", wardId)
                .param("key", guardianId)
                .query(Boolean.class)
                .single();
    }

    /**
     * The living current records whose recorded guardian is {@code guardianId} or a record merged into it, youngest
     * last (at most 50); each ward shown is a read audited with {@code purpose}.
     */
    public List<ResidentSummary> wardsOf(long guardianId, String purpose) {
        requirePurpose(purpose);
        List<ResidentSummary> wards = jdbc.sql("select " + COLUMNS + """
                         from mpi.resident
                        where guardian_resident_id in """ + ResidentQueries.WITH_MERGED_INTO + """
                          and voided_at is null and merged_into_id is null
                        order by birth_date, id limit 50""")
                .param("key", guardianId)
                .query(Residents::map)
                .list();
        wards.forEach(w -> audit(w, "VIEW_WARD", purpose));
        return wards;
    }

    private void audit(ResidentSummary resident, String action, String purpose) {
        auditTrail.record(AuditEvent.read(resident.id(), action, "Resident", Long.toString(resident.id()), purpose));
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to read a resident");
        }
    }

    private static ResidentSummary map(ResultSet rs, int row) throws SQLException {
        return new ResidentSummary(
                rs.getLong("id"),
                rs.getString("health_record_number"),
                rs.getString("name"),
                Sex.fromCode(rs.getInt("sex")),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("ethnicity"),
                rs.getString("id_number_masked"),
                rs.getString("phone_masked"),
                rs.getString("division_code"),
                rs.getString("address"),
                rs.getObject("guardian_resident_id", Long.class),
                rs.getLong("registered_organisation_id"),
                rs.getObject("voided_at") != null);
    }
}
