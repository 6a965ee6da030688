package org.yiwang.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to the practitioners working in the county. */
@Service
@Transactional(readOnly = true)
public class Practitioners {

    private final JdbcClient jdbc;

    Practitioners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PractitionerSummary> findById(long id) {
        return jdbc.sql("""
                        select id, name, sex, profession, title, specialty, licence_number, employee_number, organisation_id
                        from registry.practitioner where id = :id
                        """)
                .param("id", id)
                .query(Practitioners::map)
                .optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from registry.practitioner").query(Long.class).single();
    }

    /** Number of practitioners of each profession; professions without any are present with 0. */
    public Map<Profession, Long> countByProfession() {
        Map<Profession, Long> counts = new EnumMap<>(Profession.class);
        for (Profession profession : Profession.values()) {
            counts.put(profession, 0L);
        }
        jdbc.sql("select profession, count(*) as n from registry.practitioner group by profession")
                .query((rs, row) -> Map.entry(Profession.valueOf(rs.getString("profession")), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static PractitionerSummary map(ResultSet rs, int row) throws SQLException {
        return new PractitionerSummary(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getInt("sex"),
                Profession.valueOf(rs.getString("profession")),
                rs.getString("title"),
                rs.getString("specialty"),
                rs.getString("licence_number"),
                rs.getString("employee_number"),
                rs.getLong("organisation_id"));
    }
}
