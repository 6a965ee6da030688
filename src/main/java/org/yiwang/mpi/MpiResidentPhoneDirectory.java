package org.yiwang.mpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.security.ResidentPhoneDirectory;

/**
 * Holders of a mobile number for the platform's resident sign-in: living current records with the number among
 * their phones (found through the phone blind index, {@code resident_phone_phone_index_idx}). A number recorded on
 * a record that was later merged belongs to the survivor, where the merge moved it.
 */
@Component
class MpiResidentPhoneDirectory implements ResidentPhoneDirectory {

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditTrail audit;

    MpiResidentPhoneDirectory(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Optional<String> demoMobileNumber(long residentId) {
        Optional<String> number = jdbc.sql("""
                        select phone_ciphertext from mpi.resident_phone
                        where resident_id = :id and kind = 'MOBILE' and voided_at is null
                        order by is_primary desc, id limit 1""")
                .param("id", residentId)
                .query((rs, n) -> encryption.decrypt(rs.getBytes(1), Residents.PHONE_CONTEXT))
                .optional();
        number.ifPresent(n -> audit.record(AuditEvent.read(residentId, "DEMO_SIGN_IN_HINT", "ResidentPhone",
                Long.toString(residentId), "demo run: sign-in hint")));
        return number;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PhoneHolder> holders(String mobileNumber, int limit) {
        if (!(PhoneNumber.parse(mobileNumber) instanceof PhoneNumber.Valid valid)
                || valid.phone().kind() != PhoneNumber.Kind.MOBILE) {
            return List.of();
        }
        return jdbc.sql("""
                        select r.id, r.name, r.birth_date from mpi.resident r
                        where r.id in (select p.resident_id from mpi.resident_phone p
                                       where p.phone_index = :index and p.voided_at is null)
                          and r.voided_at is null and r.merged_into_id is null
                        order by r.birth_date, r.id
                        limit :limit""")
                .param("index", encryption.blindIndex(valid.phone().value(), Residents.PHONE_CONTEXT))
                .param("limit", Math.max(0, limit))
                .query((rs, n) -> new PhoneHolder(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }
}
