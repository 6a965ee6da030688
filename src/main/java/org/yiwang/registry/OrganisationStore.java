package org.yiwang.registry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes organisations. */
@Repository
class OrganisationStore {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    OrganisationStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /**
     * Registers a tree of organisations in one batch. Parents must come before their children: each row finds its
     * parent by code among the rows already written.
     */
    void insertAll(List<NewOrganisation> organisations, String createdBy) {
        jdbcTemplate.batchUpdate("""
                        insert into registry.organisation
                            (code, name_zh, name_en, short_name_zh, short_name_en, type, parent_id, division_code,
                             address, latitude, longitude, created_by)
                        values (?, ?, ?, ?, ?, ?, (select id from registry.organisation where code = ?), ?, ?, ?, ?, ?)
                        """,
                organisations, 200, (ps, o) -> {
                    ps.setString(1, o.code());
                    ps.setString(2, o.nameZh());
                    ps.setString(3, o.nameEn());
                    ps.setString(4, o.shortNameZh());
                    ps.setString(5, o.shortNameEn());
                    ps.setString(6, o.type().name());
                    ps.setString(7, o.parentCode());
                    ps.setString(8, o.divisionCode());
                    ps.setString(9, o.address());
                    ps.setBigDecimal(10, o.latitude());
                    ps.setBigDecimal(11, o.longitude());
                    ps.setString(12, createdBy);
                });
        List<String> children = organisations.stream().filter(o -> o.parentCode() != null).map(NewOrganisation::code).toList();
        if (children.isEmpty()) {
            return;
        }
        long orphans = jdbc.sql("""
                        select count(*) from registry.organisation
                        where parent_id is null and code in (:codes)
                        """)
                .param("codes", children)
                .query(Long.class).single();
        if (orphans > 0) {
            throw new IllegalArgumentException(orphans + " organisations name a parent that was not written before them");
        }
    }

    /** Ids by organisation code. */
    Map<String, Long> idsByCode() {
        return jdbc.sql("select code, id from registry.organisation")
                .query((rs, row) -> Map.entry(rs.getString("code"), rs.getLong("id")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
