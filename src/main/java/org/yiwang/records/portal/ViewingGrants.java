package org.yiwang.records.portal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code portal.viewing_grant}: a resident's authorisation for a family member to view their record. */
@Repository
class ViewingGrants {

    private static final int LIMIT = 50;

    private final JdbcClient jdbc;

    ViewingGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Grant(long id, long grantorResidentId, long granteeResidentId, String granteeDisplay, Instant grantedAt) {
    }

    /** The new grant's id; empty when the pair already has an active grant (also when two requests race). */
    Optional<Long> add(long grantorResidentId, long granteeResidentId, String granteeDisplay, String grantedBy) {
        try {
            return jdbc.sql("""
                            insert into portal.viewing_grant (grantor_resident_id, grantee_resident_id,
                                                              grantee_display, granted_by)
                            values (:grantor, :grantee, :display, :by)
                            on conflict (grantor_resident_id, grantee_resident_id) where revoked_at is null do nothing
                            returning id""")
                    .param("grantor", grantorResidentId)
                    .param("grantee", granteeResidentId)
                    .param("display", granteeDisplay)
                    .param("by", grantedBy)
                    .query(Long.class)
                    .optional();
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Revokes the active grant {@code id} of one of {@code grantorIds}; false when there is none. */
    boolean revoke(long id, Collection<Long> grantorIds, String revokedBy) {
        return jdbc.sql("""
                        update portal.viewing_grant set revoked_at = now(), revoked_by = :by
                        where id = :id and grantor_resident_id in (:grantors) and revoked_at is null""")
                .param("id", id)
                .param("grantors", grantorIds)
                .param("by", revokedBy)
                .update() == 1;
    }

    /** Active grants made by any of {@code grantorIds} (a resident and records merged into them), oldest first. */
    List<Grant> madeBy(Collection<Long> grantorIds) {
        return jdbc.sql("""
                        select id, grantor_resident_id, grantee_resident_id, grantee_display, granted_at from portal.viewing_grant
                        where grantor_resident_id in (:ids) and revoked_at is null
                        order by granted_at, id limit :limit""")
                .param("ids", grantorIds)
                .param("limit", LIMIT)
                .query(ViewingGrants::grant)
                .list();
    }

    /** Active grants to any of {@code granteeIds}, oldest first. */
    List<Grant> madeTo(Collection<Long> granteeIds) {
        return jdbc.sql("""
                        select id, grantor_resident_id, grantee_resident_id, grantee_display, granted_at from portal.viewing_grant
                        where grantee_resident_id in (:ids) and revoked_at is null
                        order by granted_at, id limit :limit""")
                .param("ids", granteeIds)
                .param("limit", LIMIT)
                .query(ViewingGrants::grant)
                .list();
    }

    /** Active grants made by any of {@code grantorIds}. */
    int countMadeBy(Collection<Long> grantorIds) {
        return jdbc.sql("select count(*) from portal.viewing_grant where grantor_resident_id in (:ids) and revoked_at is null")
                .param("ids", grantorIds)
                .query(Integer.class)
                .single();
    }

    boolean active(Collection<Long> grantorIds, Collection<Long> granteeIds) {
        return jdbc.sql("""
                        select exists(select 1 from portal.viewing_grant
                                      where grantee_resident_id in (:grantees) and grantor_resident_id in (:grantors)
                                        and revoked_at is null)""")
                .param("grantees", granteeIds)
                .param("grantors", grantorIds)
                .query(Boolean.class)
                .single();
    }

    private static Grant grant(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Grant(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getTimestamp(5).toInstant());
    }
}
