package org.yiwang.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to the organisations of the county and their hierarchy. */
@Service
@Transactional(readOnly = true)
public class Organisations {

    private static final String COLUMNS = "id, code, name_zh, name_en, type, parent_id, division_code";

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrganisationSummary> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where id = :id")
                .param("id", id)
                .query(Organisations::map)
                .optional();
    }

    public Optional<OrganisationSummary> findByCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where code = :code")
                .param("code", code)
                .query(Organisations::map)
                .optional();
    }

    /** Several organisations in one query; unknown ids are left out. Ordered by id. */
    public List<OrganisationSummary> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where id in (:ids) order by id")
                .param("ids", ids)
                .query(Organisations::map)
                .list();
    }

    /** Organisations of one type, ordered by code (so townships and villages come in division order). */
    public List<OrganisationSummary> listByType(OrganisationType type) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where type = :type order by code")
                .param("type", type.name())
                .query(Organisations::map)
                .list();
    }

    /** Direct children, ordered by code. */
    public List<OrganisationSummary> childrenOf(long parentId) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where parent_id = :parentId order by code")
                .param("parentId", parentId)
                .query(Organisations::map)
                .list();
    }

    /**
     * The organisation followed by its ancestors up to the root, e.g. village clinic, township centre, county
     * hospital, health commission. Empty for an unknown id.
     */
    public List<OrganisationSummary> pathToRoot(long id) {
        return jdbc.sql("""
                        with recursive path (id, depth) as (
                            select id, 0 from registry.organisation where id = :id
                            union all
                            select o.parent_id, p.depth + 1
                            from path p join registry.organisation o on o.id = p.id
                            where o.parent_id is not null and p.depth < 32
                        )
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from path p join registry.organisation o on o.id = p.id
                        order by p.depth
                        """)
                .param("id", id)
                .query(Organisations::map)
                .list();
    }

    /** Every organisation, depth first from the root: each parent followed by its children, siblings by code. */
    public List<OrganisationSummary> listInHierarchyOrder() {
        return jdbc.sql("""
                        with recursive tree (id, sort_path) as (
                            select id, array[code::text] from registry.organisation where parent_id is null
                            union all
                            select o.id, t.sort_path || o.code::text
                            from tree t join registry.organisation o on o.parent_id = t.id
                            where cardinality(t.sort_path) < 32
                        )
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from tree t join registry.organisation o on o.id = t.id
                        order by t.sort_path
                        """)
                .query(Organisations::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from registry.organisation").query(Long.class).single();
    }

    /** Number of organisations of each type; types without any are present with 0. */
    public Map<OrganisationType, Long> countByType() {
        Map<OrganisationType, Long> counts = new EnumMap<>(OrganisationType.class);
        for (OrganisationType type : OrganisationType.values()) {
            counts.put(type, 0L);
        }
        jdbc.sql("select type, count(*) as n from registry.organisation group by type")
                .query((rs, row) -> Map.entry(OrganisationType.valueOf(rs.getString("type")), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    static OrganisationSummary map(ResultSet rs, int row) throws SQLException {
        return new OrganisationSummary(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                OrganisationType.valueOf(rs.getString("type")),
                rs.getObject("parent_id", Long.class),
                rs.getString("division_code"));
    }
}
