package org.yiwang.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to the practitioners working in the county: search, detail, specialties and practice sites. */
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
                        from registry.practitioner p where id = :id
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

    private static final String COLUMNS =
            "p.id, p.name, p.sex, p.profession, p.title, p.specialty, p.licence_number, p.employee_number, p.organisation_id";

    /**
     * One page of practitioners by id, after {@code afterId} (keyset paging): optionally those whose name starts
     * with {@code query} (or whose licence number is {@code query}), optionally those practising at an organisation
     * (primary or further site). At most {@code limit} rows.
     */
    public List<PractitionerSummary> search(String query, Long organisationId, long afterId, int limit) {
        String q = query == null ? "" : query.strip();
        StringBuilder where = new StringBuilder("p.id > :after");
        if (!q.isEmpty()) {
            where.append(" and ((p.name collate \"C\") >= :q and (p.name collate \"C\") < :q || chr(1114111)"
                    + " or p.licence_number = :q)");
        }
        if (organisationId != null) {
            where.append(" and (p.organisation_id = :org or exists (select 1 from registry.practitioner_site s"
                    + " where s.practitioner_id = p.id and s.organisation_id = :org))");
        }
        var spec = jdbc.sql("select " + COLUMNS + " from registry.practitioner p where " + where
                        + " order by p.id limit :limit")
                .param("after", afterId)
                .param("limit", Math.max(1, Math.min(limit, 500)));
        if (!q.isEmpty()) {
            spec = spec.param("q", q);
        }
        if (organisationId != null) {
            spec = spec.param("org", organisationId);
        }
        return spec.query(Practitioners::map).list();
    }

    /** Several practitioners in one query; unknown ids are left out. */
    public List<PractitionerSummary> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from registry.practitioner p where p.id in (:ids) order by p.id")
                .param("ids", ids).query(Practitioners::map).list();
    }

    /**
     * Active practitioners practising at any of the organisations (primary or further site), by profession and
     * name; at most {@code limit}.
     */
    public List<PractitionerSummary> practisingAt(Collection<Long> organisationIds, int limit) {
        if (organisationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select %s from registry.practitioner p
                        where p.active and (p.organisation_id in (:orgs) or exists (select 1 from registry.practitioner_site s
                              where s.practitioner_id = p.id and s.organisation_id in (:orgs)))
                        order by p.profession, p.name, p.id limit :limit
                        """.formatted(COLUMNS))
                .param("orgs", organisationIds).param("limit", limit)
                .query(Practitioners::map).list();
    }

    /** The practitioner with specialties and further sites. */
    public Optional<PractitionerDetail> detail(long id) {
        record Row(PractitionerSummary summary, boolean active, int version) {
        }
        Optional<Row> row = jdbc.sql("select " + COLUMNS + ", p.active, p.version from registry.practitioner p where p.id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(map(rs, n), rs.getBoolean("active"), rs.getInt("version")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Specialty> specialties = new ArrayList<>(jdbc.sql(
                        "select specialty from registry.practitioner_specialty where practitioner_id = :id")
                .param("id", id).query((rs, n) -> Specialty.valueOf(rs.getString(1))).list());
        specialties.sort(null);
        List<PractitionerSite> sites = jdbc.sql("""
                        select organisation_id, role from registry.practitioner_site where practitioner_id = :id
                        order by organisation_id
                        """)
                .param("id", id)
                .query((rs, n) -> new PractitionerSite(rs.getLong(1), PracticeRole.valueOf(rs.getString(2))))
                .list();
        return Optional.of(new PractitionerDetail(row.get().summary(), row.get().active(), row.get().version(),
                specialties, sites));
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
