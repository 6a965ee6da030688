package org.yiwang.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes the demo network (services, beds, consortia, specialties, sites, teams) in batches. */
@Repository
class NetworkStore {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    NetworkStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    void insertAll(DemoNetworkPlan plan, Map<String, Long> organisations, Map<String, Long> practitioners, String by) {
        List<Object[]> services = new ArrayList<>();
        plan.services().forEach((code, offered) -> offered.forEach(s -> services.add(new Object[] {id(organisations, code), s.name()})));
        jdbcTemplate.batchUpdate("insert into registry.organisation_service (organisation_id, service) values (?, ?)", services);

        List<Object[]> beds = new ArrayList<>();
        plan.beds().forEach((code, n) -> beds.add(new Object[] {n, id(organisations, code)}));
        jdbcTemplate.batchUpdate("update registry.organisation set beds = ? where id = ?", beds);

        List<Object[]> members = new ArrayList<>();
        for (DemoNetworkPlan.Consortium consortium : plan.consortia()) {
            long id = jdbc.sql("""
                            insert into registry.consortium (code, name_zh, name_en, type, created_by)
                            values (:code, :zh, :en, :type, :by) returning id
                            """)
                    .param("code", consortium.code()).param("zh", consortium.nameZh()).param("en", consortium.nameEn())
                    .param("type", consortium.type().name()).param("by", by)
                    .query(Long.class).single();
            consortium.members().forEach((code, role) -> members.add(new Object[] {id, id(organisations, code), role.name(), by}));
        }
        jdbcTemplate.batchUpdate("""
                insert into registry.consortium_member (consortium_id, organisation_id, role, joined_by) values (?, ?, ?, ?)
                """, members);

        List<Object[]> specialties = new ArrayList<>();
        plan.specialties().forEach((key, list) -> list.forEach(s -> specialties.add(new Object[] {id(practitioners, key), s.name()})));
        jdbcTemplate.batchUpdate("insert into registry.practitioner_specialty (practitioner_id, specialty) values (?, ?)", specialties);

        List<Object[]> sites = new ArrayList<>();
        plan.sites().forEach(site -> sites.add(new Object[] {id(practitioners, site.practitionerKey()),
                id(organisations, site.organisationCode()), site.role().name()}));
        jdbcTemplate.batchUpdate("insert into registry.practitioner_site (practitioner_id, organisation_id, role) values (?, ?, ?)", sites);

        List<Object[]> teamMembers = new ArrayList<>();
        List<Object[]> coverage = new ArrayList<>();
        for (DemoNetworkPlan.Team team : plan.teams()) {
            long id = jdbc.sql("""
                            insert into registry.care_team (name_zh, name_en, base_organisation_id, created_by)
                            values (:zh, :en, :base, :by) returning id
                            """)
                    .param("zh", team.nameZh()).param("en", team.nameEn()).param("base", id(organisations, team.baseCode()))
                    .param("by", by)
                    .query(Long.class).single();
            team.members().forEach((key, role) -> teamMembers.add(new Object[] {id, id(practitioners, key), role.name()}));
            team.coveredCodes().forEach(code -> coverage.add(new Object[] {id, id(organisations, code)}));
        }
        jdbcTemplate.batchUpdate("insert into registry.care_team_member (team_id, practitioner_id, role) values (?, ?, ?)", teamMembers);
        jdbcTemplate.batchUpdate("insert into registry.care_team_coverage (team_id, organisation_id) values (?, ?)", coverage);
    }

    private static long id(Map<String, Long> ids, String key) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalArgumentException("unknown demo key " + key);
        }
        return id;
    }
}
