package org.yiwang.mpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Residents as the matching engine compares them: name, sex, birth date, the primary resident ID and phone
 * (decrypted in memory only, never logged: {@link PersonRecord#toString()} is masked) and address. The record id is
 * the resident id.
 */
@Component
class LinkageRecords {

    static final String COLUMNS = "id, name, sex, birth_date, id_number_ciphertext, phone_ciphertext, address";

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    LinkageRecords(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    /** The prepared records of these residents (voided or not), by id. */
    Map<Long, PreparedRecord> load(Collection<Long> ids) {
        Map<Long, PreparedRecord> records = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return records;
        }
        jdbc.sql("select " + COLUMNS + " from mpi.resident where id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> RecordLinkage.prepare(decrypt(Raw.of(rs))))
                .list()
                .forEach(r -> records.put(Long.parseLong(r.recordId()), r));
        return records;
    }

    /** A resident row as read, identifiers still encrypted. */
    record Raw(long id, String name, int sex, LocalDate birthDate, byte[] idNumber, byte[] phone, String address) {

        static Raw of(ResultSet rs) throws SQLException {
            return new Raw(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                    rs.getBytes(5), rs.getBytes(6), rs.getString(7));
        }
    }

    PersonRecord decrypt(Raw raw) {
        String idNumber = raw.idNumber() == null ? null : encryption.decrypt(raw.idNumber(), Residents.ID_NUMBER_CONTEXT);
        String phone = raw.phone() == null ? null : encryption.decrypt(raw.phone(), Residents.PHONE_CONTEXT);
        return PersonRecord.of(Long.toString(raw.id()), raw.name(), Integer.toString(raw.sex()),
                raw.birthDate() == null ? null : raw.birthDate().toString(), idNumber, phone, raw.address());
    }
}
