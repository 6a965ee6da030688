package org.yiwang.mpi;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.crypto.Masking;

/** Writes residents, encrypting and indexing their identifying values on the way in. */
@Repository
class ResidentStore {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final Masking masking;

    ResidentStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc, FieldEncryption encryption, Masking masking) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.masking = masking;
    }

    /** Registers residents in batches, then links children to guardians named by health-record number. */
    void insertAll(List<NewResident> residents, String createdBy) {
        jdbcTemplate.batchUpdate("""
                        insert into mpi.resident
                            (health_record_number, name, sex, birth_date, ethnicity,
                             id_number_ciphertext, id_number_index, id_number_masked,
                             phone_ciphertext, phone_index, phone_masked,
                             division_code, address, registered_organisation_id, created_by, pinyin, pinyin_key)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                residents, 1000, (ps, r) -> {
                    ps.setString(1, r.healthRecordNumber());
                    ps.setString(2, r.name());
                    ps.setInt(3, r.sex().code());
                    ps.setDate(4, Date.valueOf(r.birthDate()));
                    ps.setString(5, r.ethnicityCode());
                    setProtected(ps, 6, r.idNumber(), Residents.ID_NUMBER_CONTEXT, masking.idNumber(r.idNumber()));
                    setProtected(ps, 9, r.phone(), Residents.PHONE_CONTEXT, masking.phone(r.phone()));
                    ps.setString(12, r.divisionCode());
                    ps.setString(13, r.address());
                    ps.setLong(14, r.registeredOrganisationId());
                    ps.setString(15, createdBy);
                    String[] pinyin = ResidentValidator.pinyin(r.name());
                    ps.setString(16, pinyin[0]);
                    ps.setString(17, pinyin[1]);
                });
        List<NewResident> wards = residents.stream().filter(r -> r.guardianHealthRecordNumber() != null).toList();
        jdbcTemplate.batchUpdate("""
                        update mpi.resident set guardian_resident_id =
                            (select id from mpi.resident where health_record_number = ?)
                        where health_record_number = ?
                        """,
                wards, 1000, (ps, r) -> {
                    ps.setString(1, r.guardianHealthRecordNumber());
                    ps.setString(2, r.healthRecordNumber());
                });
        completeBulkRows(createdBy);
        List<NewResident> legacy = residents.stream().filter(r -> r.idNumberAsTyped() != null).toList();
        jdbcTemplate.batchUpdate("""
                        update mpi.identity_document set original_ciphertext = ?
                        where resident_id = (select id from mpi.resident where health_record_number = ?)
                          and type = 'RESIDENT_ID'
                        """,
                legacy, 1000, (ps, r) -> {
                    ps.setBytes(1, encryption.encrypt(r.idNumberAsTyped(),
                            IdentityDocumentType.RESIDENT_ID.context() + ".as_typed"));
                    ps.setString(2, r.healthRecordNumber());
                });
        versionOne(createdBy);
    }

    /**
     * The rows that go with residents written in bulk, set-based: one household per village address, the ID number
     * and phone as primary document and phone (same encryption context, so ciphertexts and indexes are copied), the
     * legacy originals as typed ({@link #insertAll}), and version 1 of each record ({@link #versionOne}). Also used by
     * the synthetic loader ({@link SyntheticResidentLoader}) after it has copied resident rows in.
     */
    void completeBulkRows(String createdBy) {
        jdbc.sql("""
                        with h as (
                            insert into mpi.household (division_code, address, created_by)
                            select distinct division_code, address, :by from mpi.resident
                            where household_id is null and created_by = :by and address is not null
                            returning id, division_code, address)
                        update mpi.resident r set household_id = h.id from h
                        where r.household_id is null and r.created_by = :by
                          and r.division_code = h.division_code and r.address = h.address
                        """).param("by", createdBy).update();
        jdbc.sql("""
                        insert into mpi.identity_document (resident_id, type, number_ciphertext, number_index,
                                                           number_masked, is_primary, created_at, created_by)
                        select r.id, 'RESIDENT_ID', r.id_number_ciphertext, r.id_number_index, r.id_number_masked, true,
                               r.created_at, r.created_by
                        from mpi.resident r
                        where r.created_by = :by and r.id_number_ciphertext is not null
                          and not exists (select 1 from mpi.identity_document d where d.resident_id = r.id)
                        """).param("by", createdBy).update();
        jdbc.sql("""
                        insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked, kind,
                                                        is_primary, created_at, created_by)
                        select r.id, r.phone_ciphertext, r.phone_index, r.phone_masked, 'MOBILE', true, r.created_at,
                               r.created_by
                        from mpi.resident r
                        where r.created_by = :by and r.phone_ciphertext is not null
                          and not exists (select 1 from mpi.resident_phone p where p.resident_id = r.id)
                        """).param("by", createdBy).update();
    }

    /** Version 1 of every resident written in bulk by {@code createdBy} that has no version yet. */
    void versionOne(String createdBy) {
        jdbc.sql("""
                        insert into mpi.resident_version (resident_id, version, change, snapshot, changed_by,
                                                          changed_organisation_id)
                        select r.id, r.version, 'REGISTERED', """ + ResidentWriter.SNAPSHOT + """
                            ,                               r.created_by, r.registered_organisation_id
                        from mpi.resident r
                        where r.created_by = :by
                          and not exists (select 1 from mpi.resident_version v where v.resident_id = r.id)
                        """).param("by", createdBy).update();
    }

    Optional<Long> idByHealthRecordNumber(String healthRecordNumber) {
        return jdbc.sql("select id from mpi.resident where health_record_number = :number")
                .param("number", healthRecordNumber)
                .query(Long.class)
                .optional();
    }

    /** Ciphertext, blind index and masked form into three consecutive parameters; all null for no value. */
    private void setProtected(PreparedStatement ps, int first, String value, String context, String masked)
            throws SQLException {
        if (value == null) {
            ps.setNull(first, Types.BINARY);
            ps.setNull(first + 1, Types.BINARY);
            ps.setNull(first + 2, Types.VARCHAR);
            return;
        }
        ps.setBytes(first, encryption.encrypt(value, context));
        ps.setBytes(first + 1, encryption.blindIndex(value, context));
        ps.setString(first + 2, masked);
    }
}
