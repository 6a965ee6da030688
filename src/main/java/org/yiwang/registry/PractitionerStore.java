package org.yiwang.registry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes practitioners. */
@Repository
class PractitionerStore {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    PractitionerStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /** Registers practitioners at organisations named by code, in one batch. */
    void insertAll(List<NewPractitioner> practitioners, Map<String, Long> organisationIdsByCode, String createdBy) {
        jdbcTemplate.batchUpdate("""
                        insert into registry.practitioner
                            (name, sex, profession, title, specialty, licence_number, employee_number, organisation_id, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                practitioners, 500, (ps, p) -> {
                    Long organisationId = organisationIdsByCode.get(p.organisationCode());
                    if (organisationId == null) {
                        throw new IllegalArgumentException("unknown organisation " + p.organisationCode());
                    }
                    ps.setString(1, p.name());
                    ps.setInt(2, p.sexCode());
                    ps.setString(3, p.profession().name());
                    ps.setString(4, p.title());
                    ps.setString(5, p.specialty());
                    ps.setString(6, p.licenceNumber());
                    ps.setString(7, p.employeeNumber());
                    ps.setLong(8, organisationId);
                    ps.setString(9, createdBy);
                });
    }

    /** Practitioner ids by {@link NewPractitioner#key()} (organisation code / employee number). */
    Map<String, Long> idsByKey() {
        return jdbc.sql("""
                        select o.code || '/' || p.employee_number as key, p.id
                        from registry.practitioner p join registry.organisation o on o.id = p.organisation_id
                        """)
                .query((rs, row) -> Map.entry(rs.getString("key"), rs.getLong("id")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
