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
                             division_code, address, registered_organisation_id, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
