package org.yiwang.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * Family-doctor teams (家庭医生团队, domain-rules §2): which teams serve a village clinic, which teams a practitioner
 * belongs to, and creating and changing teams under the composition rules of {@link CareTeamComposition}.
 */
@Service
@Transactional(readOnly = true)
public class CareTeams {

    private static final String SUMMARY = """
            select t.id, t.name_zh, t.name_en, t.base_organisation_id, t.active, t.version,
                   (select m.practitioner_id from registry.care_team_member m
                    where m.team_id = t.id and m.role = 'LEAD_DOCTOR') as lead_id,
                   (select count(*) from registry.care_team_member m where m.team_id = t.id) as members,
                   (select count(*) from registry.care_team_coverage c where c.team_id = t.id) as clinics
            from registry.care_team t
            """;

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final AuditTrail audit;
    private final CurrentActor actor;

    CareTeams(JdbcClient jdbc, Organisations organisations, Practitioners practitioners, AuditTrail audit,
            CurrentActor actor) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.audit = audit;
        this.actor = actor;
    }

    /** Active teams covering a village clinic (or based at the centre with this id). */
    public List<CareTeamSummary> teamsServing(long organisationId) {
        return jdbc.sql(SUMMARY + """
                        where t.active and (t.base_organisation_id = :org or exists (select 1 from registry.care_team_coverage c
                              where c.team_id = t.id and c.organisation_id = :org))
                        order by t.id
                        """)
                .param("org", organisationId).query(CareTeams::summary).list();
    }

    /** Active teams the practitioner belongs to, in any role. */
    public List<CareTeamSummary> teamsOf(long practitionerId) {
        return jdbc.sql(SUMMARY + """
                        where t.active and exists (select 1 from registry.care_team_member m
                              where m.team_id = t.id and m.practitioner_id = :p)
                        order by t.id
                        """)
                .param("p", practitionerId).query(CareTeams::summary).list();
    }

    /** Teams based at a centre (active or not). */
    public List<CareTeamSummary> teamsAt(long baseOrganisationId) {
        return jdbc.sql(SUMMARY + " where t.base_organisation_id = :org order by t.id")
                .param("org", baseOrganisationId).query(CareTeams::summary).list();
    }

    /** Teams by id after {@code afterId}, at most {@code limit}. */
    public List<CareTeamSummary> list(long afterId, int limit) {
        return jdbc.sql(SUMMARY + " where t.id > :after order by t.id limit :limit")
                .param("after", afterId).param("limit", Math.max(1, Math.min(limit, 500)))
                .query(CareTeams::summary).list();
    }

    public Optional<CareTeamDetail> detail(long teamId) {
        Optional<CareTeamSummary> team = jdbc.sql(SUMMARY + " where t.id = :id").param("id", teamId)
                .query(CareTeams::summary).optional();
        if (team.isEmpty()) {
            return Optional.empty();
        }
        int version = jdbc.sql("select version from registry.care_team where id = :id").param("id", teamId)
                .query(Integer.class).single();
        Map<Long, CareTeamRole> roles = new LinkedHashMap<>();
        jdbc.sql("select practitioner_id, role from registry.care_team_member where team_id = :id order by role, practitioner_id")
                .param("id", teamId)
                .query((rs, n) -> Map.entry(rs.getLong(1), CareTeamRole.valueOf(rs.getString(2))))
                .list().forEach(e -> roles.put(e.getKey(), e.getValue()));
        Map<Long, PractitionerSummary> people = practitioners.findAllById(roles.keySet()).stream()
                .collect(Collectors.toMap(PractitionerSummary::id, Function.identity()));
        List<CareTeamDetail.Member> members = new ArrayList<>();
        roles.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .filter(e -> people.containsKey(e.getKey()))
                .forEach(e -> members.add(new CareTeamDetail.Member(people.get(e.getKey()), e.getValue())));
        List<Long> covered = jdbc.sql("select organisation_id from registry.care_team_coverage where team_id = :id")
                .param("id", teamId).query(Long.class).list();
        List<OrganisationSummary> clinics = new ArrayList<>(organisations.findAllById(covered));
        clinics.sort(java.util.Comparator.comparing(OrganisationSummary::code));
        return Optional.of(new CareTeamDetail(team.get(), version, members, clinics));
    }

    /** Creates a team after checking its composition; returns the id. */
    @Transactional
    public long create(CareTeamForm form) {
        check(form);
        long id = jdbc.sql("""
                        insert into registry.care_team (name_zh, name_en, base_organisation_id, active, created_by)
                        values (:nameZh, :nameEn, :base, :active, :by) returning id
                        """)
                .param("nameZh", form.nameZh().strip()).param("nameEn", form.nameEn().strip())
                .param("base", form.baseOrganisationId()).param("active", form.active()).param("by", who())
                .query(Long.class).single();
        writeMembersAndCoverage(id, form);
        audit.record(AuditEvent.administration("CARE_TEAM_CREATED", "CareTeam", String.valueOf(id),
                "base " + form.baseOrganisationId() + ", " + form.members().size() + " members"));
        return id;
    }

    /** Changes a team; refused with a field error on {@code version} if someone else changed it first. */
    @Transactional
    public void update(long teamId, CareTeamForm form) {
        check(form);
        int updated = jdbc.sql("""
                        update registry.care_team set name_zh = :nameZh, name_en = :nameEn, base_organisation_id = :base,
                            active = :active, updated_at = now(), updated_by = :by, version = version + 1
                        where id = :id and version = :version
                        """)
                .param("nameZh", form.nameZh().strip()).param("nameEn", form.nameEn().strip())
                .param("base", form.baseOrganisationId()).param("active", form.active()).param("by", who())
                .param("id", teamId).param("version", form.version())
                .update();
        if (updated == 0) {
            throw new InvalidRegistryInputException(Map.of("version", "registry.error.version"));
        }
        jdbc.sql("delete from registry.care_team_member where team_id = :id").param("id", teamId).update();
        jdbc.sql("delete from registry.care_team_coverage where team_id = :id").param("id", teamId).update();
        writeMembersAndCoverage(teamId, form);
        audit.record(AuditEvent.administration("CARE_TEAM_UPDATED", "CareTeam", String.valueOf(teamId),
                "base " + form.baseOrganisationId() + ", " + form.members().size() + " members"));
    }

    /** Validates names and the composition rules; throws with field errors. */
    void check(CareTeamForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.nameZh() == null || form.nameZh().isBlank() || form.nameZh().strip().length() > 60) {
            errors.put("nameZh", "registry.error.required");
        }
        if (form.nameEn() == null || form.nameEn().isBlank() || form.nameEn().strip().length() > 120) {
            errors.put("nameEn", "registry.error.required");
        }
        Optional<OrganisationSummary> base = organisations.findById(form.baseOrganisationId());
        if (base.isEmpty()) {
            errors.put("baseOrganisationId", "registry.error.organisation.unknown");
            throw new InvalidRegistryInputException(errors);
        }
        List<OrganisationSummary> covered = organisations.findAllById(form.coveredOrganisationIds());
        if (covered.size() != form.coveredOrganisationIds().size()) {
            errors.put("coveredOrganisationIds", "registry.error.organisation.unknown");
        }
        Set<Long> memberIds = form.members().stream().map(CareTeamForm.Member::practitionerId).collect(Collectors.toSet());
        Map<Long, PractitionerSummary> people = practitioners.findAllById(memberIds).stream()
                .collect(Collectors.toMap(PractitionerSummary::id, Function.identity()));
        if (people.size() != memberIds.size()) {
            errors.put("members", "registry.error.practitioner.unknown");
        }
        Map<Long, List<Long>> places = practicePlaces(people.values());
        Set<Long> placeIds = places.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        Map<Long, OrganisationType> types = organisations.findAllById(placeIds).stream()
                .collect(Collectors.toMap(OrganisationSummary::id, OrganisationSummary::type));
        List<CareTeamComposition.Member> members = form.members().stream()
                .filter(m -> people.containsKey(m.practitionerId()))
                .map(m -> {
                    Map<Long, OrganisationType> at = new HashMap<>();
                    places.getOrDefault(m.practitionerId(), List.of()).forEach(o -> at.put(o, types.get(o)));
                    return new CareTeamComposition.Member(m.practitionerId(), m.role(),
                            people.get(m.practitionerId()).profession(), at);
                })
                .toList();
        List<CareTeamComposition.Violation> violations = CareTeamComposition.check(place(base.get()),
                covered.stream().map(CareTeams::place).toList(), members);
        for (CareTeamComposition.Violation violation : violations) {
            String field = switch (violation.messageKey()) {
                case "registry.error.team.base" -> "baseOrganisationId";
                case "registry.error.team.coverage" -> "coveredOrganisationIds";
                default -> violation.messageKey().startsWith("registry.error.team.lead") ? "lead"
                        : violation.messageKey().startsWith("registry.error.team.nurse") ? "nurse"
                        : violation.messageKey().startsWith("registry.error.team.publicHealth") ? "publicHealth"
                        : violation.messageKey().equals("registry.error.team.specialist") ? "specialist"
                        : violation.messageKey().equals("registry.error.team.villageDoctor") ? "villageDoctors"
                        : "members";
            };
            errors.putIfAbsent(field, violation.messageKey());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
    }

    /** Primary organisation and further sites of each practitioner, in one query. */
    private Map<Long, List<Long>> practicePlaces(Collection<PractitionerSummary> people) {
        Map<Long, List<Long>> places = new HashMap<>();
        for (PractitionerSummary p : people) {
            places.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p.organisationId());
        }
        if (!places.isEmpty()) {
            jdbc.sql("select practitioner_id, organisation_id from registry.practitioner_site where practitioner_id in (:ids)")
                    .param("ids", places.keySet())
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .list().forEach(e -> places.get(e.getKey()).add(e.getValue()));
        }
        return places;
    }

    private void writeMembersAndCoverage(long teamId, CareTeamForm form) {
        for (CareTeamForm.Member member : form.members()) {
            jdbc.sql("insert into registry.care_team_member (team_id, practitioner_id, role) values (:t, :p, :r)")
                    .param("t", teamId).param("p", member.practitionerId()).param("r", member.role().name()).update();
        }
        for (Long clinic : form.coveredOrganisationIds()) {
            jdbc.sql("insert into registry.care_team_coverage (team_id, organisation_id) values (:t, :o)")
                    .param("t", teamId).param("o", clinic).update();
        }
    }

    private static CareTeamComposition.Place place(OrganisationSummary o) {
        return new CareTeamComposition.Place(o.id(), o.type(), o.parentId());
    }

    private static CareTeamSummary summary(ResultSet rs, int row) throws SQLException {
        return new CareTeamSummary(rs.getLong("id"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getLong("base_organisation_id"), rs.getBoolean("active"), rs.getObject("lead_id", Long.class),
                rs.getInt("members"), rs.getInt("clinics"));
    }

    private String who() {
        return actor.current().map(Actor::username).orElse("system");
    }
}
