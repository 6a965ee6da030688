package org.yiwang.mpi;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.crypto.Masking;

/**
 * Writes one resident at a time for registrars and clinics' systems: health-record serials, the resident row,
 * documents and phones (encrypted, blind-indexed, masked), households and the version history. Callers hold the
 * transaction.
 */
@Repository
class ResidentWriter {

    /** The resident's identity documents and phones: alike in voiding and in having one primary row. */
    private static final String DOCUMENTS = "mpi.identity_document";
    private static final String PHONES = "mpi.resident_phone";

    /** The state of resident {@code r} as the JSON snapshot of a version: demographics, documents and phones masked. */
    static final String SNAPSHOT = snapshot(
            DOCUMENTS + " d where d.resident_id = r.id and d.voided_at is null",
            PHONES + " p where p.resident_id = r.id and p.voided_at is null");

    /**
     * {@link #SNAPSHOT} of a resident being inserted by one statement: {@code r}, {@code documents} and {@code phones}
     * are the statement's own {@code insert … returning} (the statement does not see its own rows in the tables).
     */
    private static final String SNAPSHOT_OF_NEW = snapshot("documents d", "phones p");

    /** The snapshot expression with its documents ({@code d}) and phones ({@code p}) read from the given sources. */
    private static String snapshot(String documents, String phones) {
        return """
                jsonb_build_object(
                    'name', r.name, 'pinyin', r.pinyin, 'sex', r.sex, 'birthDate', r.birth_date,
                    'ethnicity', r.ethnicity, 'divisionCode', r.division_code, 'address', r.address,
                    'guardianResidentId', r.guardian_resident_id, 'householdId', r.household_id,
                    'healthRecordNumber', r.health_record_number,
                    'documents', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'type', d.type,
                            'masked', d.number_masked, 'issuingCountry', d.issuing_country,
                            'primary', d.is_primary) order by d.id)
                        from %s), '[]'::jsonb),
                    'phones', coalesce((select jsonb_agg(jsonb_build_object('id', p.id,
                            'masked', p.phone_masked, 'primary', p.is_primary) order by p.id)
                        from %s), '[]'::jsonb))""".formatted(documents, phones);
    }

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final Masking masking;

    ResidentWriter(JdbcClient jdbc, FieldEncryption encryption, Masking masking) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.masking = masking;
    }

    /** A resident just inserted, with the health-record number it was given. */
    record Inserted(long id, HealthRecordNumber healthRecordNumber) {
    }

    /**
     * Inserts a new resident numbered {@code number}, with its documents and phones (the first of each primary,
     * copied to the resident row), and its first version ({@code REGISTERED}, {@code registeredDespite} as the
     * reason), in one statement; with no {@code householdId}, a new household at the resident's division and address
     * in the same statement.
     */
    Inserted insertNewResident(HealthRecordNumber number, ResidentValidator.ValidResident resident, Long householdId,
            long organisationId, String createdBy, String registeredDespite) {
        List<IdentityDocumentNumber> documents = resident.documents();
        List<PhoneNumber> phones = resident.phones();
        int n = documents.size();
        String[] types = new String[n];
        byte[][] ciphertexts = new byte[n][];
        byte[][] indexes = new byte[n][];
        String[] masked = new String[n];
        byte[][] originals = new byte[n][];
        String[] countries = new String[n];
        int residentIdDocument = -1;
        for (int i = 0; i < n; i++) {
            IdentityDocumentNumber document = documents.get(i);
            String context = document.type().context();
            String original = document.originalWorthKeeping();
            types[i] = document.type().name();
            ciphertexts[i] = encryption.encrypt(document.value(), context);
            indexes[i] = encryption.blindIndex(ResidentValidator.indexedValue(document), context);
            masked[i] = masking.idNumber(document.value());
            originals[i] = original == null ? null : encryption.encrypt(original, context + ".as_typed");
            countries[i] = document.issuingCountry();
            if (residentIdDocument < 0 && document.type() == IdentityDocumentType.RESIDENT_ID) {
                residentIdDocument = i;
            }
        }
        int m = phones.size();
        byte[][] phoneCiphertexts = new byte[m][];
        byte[][] phoneIndexes = new byte[m][];
        String[] phonesMasked = new String[m];
        String[] kinds = new String[m];
        for (int i = 0; i < m; i++) {
            PhoneNumber phone = phones.get(i);
            phoneCiphertexts[i] = encryption.encrypt(phone.value(), Residents.PHONE_CONTEXT);
            phoneIndexes[i] = encryption.blindIndex(phone.value(), Residents.PHONE_CONTEXT);
            phonesMasked[i] = masking.phone(phone.value());
            kinds[i] = phone.kind().name();
        }
        Map<String, Object> params = new HashMap<>(residentFields(resident));
        params.put("number", number.value());
        params.put("household", householdId);
        params.put("organisation", organisationId);
        params.put("createdBy", createdBy);
        params.put("despite", registeredDespite);
        params.put("idCiphertext", residentIdDocument < 0 ? null : ciphertexts[residentIdDocument]);
        params.put("idIndex", residentIdDocument < 0 ? null : indexes[residentIdDocument]);
        params.put("idMasked", residentIdDocument < 0 ? null : masked[residentIdDocument]);
        params.put("phoneCiphertext", m == 0 ? null : phoneCiphertexts[0]);
        params.put("phoneIndex", m == 0 ? null : phoneIndexes[0]);
        params.put("phoneMasked", m == 0 ? null : phonesMasked[0]);
        params.put("types", new SqlArrayValue("varchar", (Object[]) types));
        params.put("ciphertexts", new SqlArrayValue("bytea", (Object[]) ciphertexts));
        params.put("indexes", new SqlArrayValue("bytea", (Object[]) indexes));
        params.put("masked", new SqlArrayValue("varchar", (Object[]) masked));
        params.put("originals", new SqlArrayValue("bytea", (Object[]) originals));
        params.put("countries", new SqlArrayValue("varchar", (Object[]) countries));
        params.put("phoneCiphertexts", new SqlArrayValue("bytea", (Object[]) phoneCiphertexts));
        params.put("phoneIndexes", new SqlArrayValue("bytea", (Object[]) phoneIndexes));
        params.put("phonesMasked", new SqlArrayValue("varchar", (Object[]) phonesMasked));
        params.put("kinds", new SqlArrayValue("varchar", (Object[]) kinds));
        return jdbc.sql("""
                        with h as (
                            insert into mpi.household (division_code, address, created_by)
                            select :division, :address, :createdBy where cast(:household as bigint) is null
                            returning id),
                        r as (
                            insert into mpi.resident
                                (health_record_number, name, pinyin, pinyin_key, sex, birth_date, ethnicity,
                                 division_code, address, guardian_resident_id, household_id,
                                 registered_organisation_id, created_by, registered_despite,
                                 id_number_ciphertext, id_number_index, id_number_masked,
                                 phone_ciphertext, phone_index, phone_masked)
                            values (:number, :name, :pinyin, :pinyinKey, :sex, :birthDate, :ethnicity, :division,
                                    :address, :guardian, coalesce(cast(:household as bigint), (select id from h)),
                                    :organisation, :createdBy, :despite,
                                    :idCiphertext, :idIndex, :idMasked, :phoneCiphertext, :phoneIndex, :phoneMasked)
                            returning *),
                        documents as (
                            insert into mpi.identity_document (resident_id, type, number_ciphertext, number_index,
                                number_masked, original_ciphertext, issuing_country, is_primary, created_by)
                            select r.id, d.type, d.ciphertext, d.index, d.masked, d.original, d.country,
                                   d.position = 1, :createdBy
                            from r, unnest(cast(:types as varchar[]), cast(:ciphertexts as bytea[]),
                                           cast(:indexes as bytea[]), cast(:masked as varchar[]),
                                           cast(:originals as bytea[]), cast(:countries as varchar[]))
                                    with ordinality as d(type, ciphertext, index, masked, original, country, position)
                            returning id, type, number_masked, issuing_country, is_primary),
                        phones as (
                            insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked,
                                kind, is_primary, created_by)
                            select r.id, p.ciphertext, p.index, p.masked, p.kind, p.position = 1, :createdBy
                            from r, unnest(cast(:phoneCiphertexts as bytea[]), cast(:phoneIndexes as bytea[]),
                                           cast(:phonesMasked as varchar[]), cast(:kinds as varchar[]))
                                    with ordinality as p(ciphertext, index, masked, kind, position)
                            returning id, phone_masked, is_primary),
                        version as (
                            insert into mpi.resident_version (resident_id, version, change, snapshot, reason,
                                changed_by, changed_organisation_id)
                            select r.id, r.version, 'REGISTERED', """ + SNAPSHOT_OF_NEW + """
                                , :despite, :createdBy, :organisation
                            from r)
                        select id from r
                        """)
                .params(params)
                .query((rs, row) -> new Inserted(rs.getLong(1), number))
                .single();
    }

    /** The household of a resident, creating one at their address when they have none yet. */
    long householdOf(long residentId, String createdBy) {
        Long existing = jdbc.sql("select household_id from mpi.resident where id = :id for update")
                .param("id", residentId).query(Long.class).optional().orElse(null);
        if (existing != null) {
            return existing;
        }
        long household = jdbc.sql("""
                        insert into mpi.household (division_code, address, created_by)
                        select division_code, address, :createdBy from mpi.resident where id = :id returning id
                        """)
                .param("createdBy", createdBy).param("id", residentId).query(Long.class).single();
        jdbc.sql("update mpi.resident set household_id = :household where id = :id")
                .param("household", household).param("id", residentId).update();
        return household;
    }

    /** The columns a registrar enters, as both the insert and the update bind them. */
    private static Map<String, Object> residentFields(ResidentValidator.ValidResident resident) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", resident.name());
        fields.put("pinyin", resident.pinyin());
        fields.put("pinyinKey", resident.pinyinKey());
        fields.put("sex", resident.sex().code());
        fields.put("birthDate", resident.birthDate());
        fields.put("ethnicity", resident.ethnicityCode());
        fields.put("division", resident.divisionCode());
        fields.put("address", resident.address());
        fields.put("guardian", resident.guardianId()); // may be null: HashMap, not Map.of
        return fields;
    }

    void updateResident(long id, ResidentValidator.ValidResident resident, long organisationId, String updatedBy) {
        jdbc.sql("""
                        update mpi.resident set name = :name, pinyin = :pinyin, pinyin_key = :pinyinKey, sex = :sex,
                            birth_date = :birthDate, ethnicity = :ethnicity, division_code = :division,
                            address = :address, guardian_resident_id = :guardian, version = version + 1,
                            updated_at = now(), updated_by = :updatedBy, updated_organisation_id = :organisation
                        where id = :id
                        """)
                .params(residentFields(resident))
                .param("updatedBy", updatedBy)
                .param("organisation", organisationId)
                .param("id", id)
                .update();
    }

    void setHousehold(long residentId, long householdId) {
        jdbc.sql("update mpi.resident set household_id = :household where id = :id")
                .param("household", householdId).param("id", residentId).update();
    }

    void insertDocument(long residentId, IdentityDocumentNumber number, boolean primary, String createdBy) {
        String context = number.type().context();
        String original = number.originalWorthKeeping();
        jdbc.sql("""
                        insert into mpi.identity_document (resident_id, type, number_ciphertext, number_index,
                            number_masked, original_ciphertext, issuing_country, is_primary, created_by)
                        values (:resident, :type, :ciphertext, :index, :masked, :original, :country, :primary, :createdBy)
                        """)
                .param("resident", residentId)
                .param("type", number.type().name())
                .param("ciphertext", encryption.encrypt(number.value(), context))
                .param("index", encryption.blindIndex(ResidentValidator.indexedValue(number), context))
                .param("masked", masking.idNumber(number.value()))
                .param("original", original == null ? null : encryption.encrypt(original, context + ".as_typed"))
                .param("country", number.issuingCountry())
                .param("primary", primary)
                .param("createdBy", createdBy)
                .update();
    }

    void insertPhone(long residentId, PhoneNumber phone, boolean primary, String createdBy) {
        jdbc.sql("""
                        insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked, kind,
                            is_primary, created_by)
                        values (:resident, :ciphertext, :index, :masked, :kind, :primary, :createdBy)
                        """)
                .param("resident", residentId)
                .param("ciphertext", encryption.encrypt(phone.value(), Residents.PHONE_CONTEXT))
                .param("index", encryption.blindIndex(phone.value(), Residents.PHONE_CONTEXT))
                .param("masked", masking.phone(phone.value()))
                .param("kind", phone.kind().name())
                .param("primary", primary)
                .param("createdBy", createdBy)
                .update();
    }

    /** Voids the listed documents of the resident; returns how many were voided. */
    int voidDocuments(long residentId, Collection<Long> documentIds, String by, String reason) {
        return voidRows(DOCUMENTS, residentId, documentIds, by, reason);
    }

    /** Voids the listed phones of the resident; returns how many were voided. */
    int voidPhones(long residentId, Collection<Long> phoneIds, String by, String reason) {
        return voidRows(PHONES, residentId, phoneIds, by, reason);
    }

    /** Voids the listed living rows of the resident in {@code table} (documents or phones), none primary any more. */
    private int voidRows(String table, long residentId, Collection<Long> ids, String by, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update %s set voided_at = now(), voided_by = :by, void_reason = :reason, is_primary = false
                        where resident_id = :resident and id in (:ids) and voided_at is null
                        """.formatted(table))
                .param("by", by).param("reason", reason).param("resident", residentId).param("ids", ids)
                .update();
    }

    /**
     * Makes sure one living document and one living phone are primary (the oldest when the primary was voided),
     * and copies the primary resident ID and phone to the denormalised columns of {@code mpi.resident}.
     */
    void settlePrimaries(long residentId) {
        settlePrimaries(List.of(residentId));
    }

    /** {@link #settlePrimaries(long)} for many residents at once (set-based, for batch merges). */
    void settlePrimaries(Collection<Long> residentIds) {
        if (residentIds.isEmpty()) {
            return;
        }
        SqlArrayValue ids = new SqlArrayValue("bigint", residentIds.toArray(Long[]::new));
        for (String table : List.of(DOCUMENTS, PHONES)) {
            jdbc.sql("update " + table + " t set is_primary = true where t.id in ("
                            + "select distinct on (x.resident_id) x.id from " + table + " x "
                            + "where x.resident_id = any(:ids) and x.voided_at is null "
                            + "and not exists (select 1 from " + table + " y where y.resident_id = x.resident_id "
                            + "and y.voided_at is null and y.is_primary) "
                            + "order by x.resident_id, x.id)")
                    .param("ids", ids).update();
        }
        jdbc.sql("""
                        update mpi.resident r set (id_number_ciphertext, id_number_index, id_number_masked) = (
                            select d.number_ciphertext, d.number_index, d.number_masked from mpi.identity_document d
                            where d.resident_id = r.id and d.type = 'RESIDENT_ID' and d.voided_at is null
                            order by d.is_primary desc, d.id limit 1),
                          (phone_ciphertext, phone_index, phone_masked) = (
                            select p.phone_ciphertext, p.phone_index, p.phone_masked from mpi.resident_phone p
                            where p.resident_id = r.id and p.voided_at is null
                            order by p.is_primary desc, p.id limit 1)
                        where r.id = any(:ids)
                        """).param("ids", ids).update();
    }

    /** Records the resident's current state as its next version, built by the database from the rows themselves. */
    void snapshot(List<Long> residentIds, String change, String reason, String by, Long organisationId) {
        snapshotEach(residentIds, java.util.Collections.nCopies(residentIds.size(), reason), change, by,
                organisationId);
    }

    /** {@link #snapshot} with a reason per resident ({@code reasons[i]} for {@code residentIds[i]}), set-based. */
    void snapshotEach(List<Long> residentIds, List<String> reasons, String change, String by, Long organisationId) {
        if (residentIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into mpi.resident_version (resident_id, version, change, snapshot, reason, changed_by,
                                                          changed_organisation_id)
                        select r.id, r.version, :change, """ + SNAPSHOT + """
                            ,                            x.reason, :by, :organisation
                        from unnest(:ids, :reasons) as x(id, reason) join mpi.resident r on r.id = x.id
                        """)
                .param("change", change)
                .param("by", by)
                .param("organisation", organisationId)
                .param("ids", new SqlArrayValue("bigint", residentIds.toArray(Long[]::new)))
                .param("reasons", new SqlArrayValue("text", reasons.toArray(String[]::new)))
                .update();
    }
}
