package org.yiwang.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yiwang.registry.ServiceCode;

@Repository
class ReferralStore {

    private static final String COLUMNS = """
            id, resident_id, from_organisation_id, to_organisation_id, direction, priority, service, reason,
            source_reference, requested_by, requested_at, status, accepted_by, accepted_at
            """;

    private final JdbcClient jdbc;

    ReferralStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; empty when the sender already referred for this source. */
    Optional<Long> insert(long residentId, long from, long to, String direction, ReferralPriority priority,
                          ServiceCode service, String reason, String sourceReference, long requestedBy,
                          Long practitioner, Instant at) {
        return jdbc.sql("""
                        insert into referral.referral (resident_id, from_organisation_id, to_organisation_id, direction,
                            priority, service, reason, source_reference, requested_by, requested_by_practitioner,
                            requested_at, status)
                        values (:resident, :from, :to, :direction, :priority, :service, :reason, :source, :by,
                            :practitioner, :at, 'REQUESTED')
                        on conflict (from_organisation_id, source_reference) do nothing
                        returning id
                        """)
                .param("resident", residentId).param("from", from).param("to", to).param("direction", direction)
                .param("priority", priority.name()).param("service", service.name()).param("reason", reason)
                .param("source", sourceReference).param("by", requestedBy).param("practitioner", practitioner)
                .param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    Optional<ReferralSummary> bySource(long from, String sourceReference) {
        return jdbc.sql("select " + COLUMNS + " from referral.referral where from_organisation_id = :from "
                        + "and source_reference = :source")
                .param("from", from).param("source", sourceReference).query(ReferralStore::map).optional();
    }

    Optional<ReferralSummary> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from referral.referral where id = :id").param("id", id)
                .query(ReferralStore::map).optional();
    }

    /** Open referrals to the organisation: green channel first, then oldest first. */
    List<ReferralSummary> incoming(long organisationId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from referral.referral where to_organisation_id = :org and status = 'REQUESTED'
                        order by priority = 'GREEN_CHANNEL' desc, requested_at, id limit :limit
                        """)
                .param("org", organisationId).param("limit", limit).query(ReferralStore::map).list();
    }

    boolean accept(long id, long organisationId, long account, Instant at) {
        return jdbc.sql("""
                        update referral.referral set status = 'ACCEPTED', accepted_by = :account, accepted_at = :at
                        where id = :id and to_organisation_id = :org and status = 'REQUESTED'
                        """)
                .param("id", id).param("org", organisationId).param("account", account).param("at", Timestamp.from(at))
                .update() == 1;
    }

    private static ReferralSummary map(ResultSet rs, int row) throws SQLException {
        Timestamp accepted = rs.getTimestamp("accepted_at");
        long acceptedBy = rs.getLong("accepted_by");
        return new ReferralSummary(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("from_organisation_id"),
                rs.getLong("to_organisation_id"), rs.getString("direction"),
                ReferralPriority.valueOf(rs.getString("priority")), ServiceCode.valueOf(rs.getString("service")),
                rs.getString("reason"), rs.getString("source_reference"), rs.getLong("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), ReferralStatus.valueOf(rs.getString("status")),
                rs.wasNull() ? null : acceptedBy, accepted == null ? null : accepted.toInstant());
    }
}
