package org.yiwang.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/** Registers and changes practitioners, their specialties and practice sites, validated as a whole and audited. */
@Service
@Transactional
public class PractitionerAdministration {

    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}\\p{L}·' -]{2,50}");
    private static final Set<Integer> SEX_CODES = Set.of(0, 1, 2, 9);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final Practitioners practitioners;
    private final Organisations organisations;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Clock clock = Clock.systemUTC();

    PractitionerAdministration(JdbcClient jdbc, Practitioners practitioners, Organisations organisations,
            AuditTrail audit, CurrentActor actor) {
        this.jdbc = jdbc;
        this.practitioners = practitioners;
        this.organisations = organisations;
        this.audit = audit;
        this.actor = actor;
    }

    /** Registers a practitioner at their primary organisation with the next free employee number; returns the id. */
    public long create(PractitionerForm form) {
        Map<String, String> errors = validate(form, null);
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
        // serialise numbering per organisation: lock the organisation row
        jdbc.sql("select id from registry.organisation where id = :id for update").param("id", form.organisationId())
                .query(Long.class).single();
        int next = jdbc.sql("""
                        select coalesce(max(cast(employee_number as integer)), 0) + 1 from registry.practitioner
                        where organisation_id = :org and employee_number ~ '^[0-9]{1,9}$'
                        """)
                .param("org", form.organisationId()).query(Integer.class).single();
        long id;
        try {
            id = jdbc.sql("""
                            insert into registry.practitioner (name, sex, profession, title, specialty, licence_number,
                                employee_number, organisation_id, active, created_by)
                            values (:name, :sex, :profession, :title, :department, :licence, :employee, :org, :active, :by)
                            returning id
                            """)
                    .params(columns(form))
                    .param("employee", "%04d".formatted(next))
                    .param("by", who())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new InvalidRegistryInputException(Map.of("licenceNumber", "registry.error.licence.taken"));
        }
        writeSpecialtiesAndSites(id, form);
        audit.record(AuditEvent.administration("PRACTITIONER_CREATED", "Practitioner", String.valueOf(id),
                form.profession() + " at organisation " + form.organisationId()));
        return id;
    }

    /** Changes a practitioner; refused with a field error on {@code version} if someone else changed it first. */
    public void update(long id, PractitionerForm form) {
        PractitionerDetail current = practitioners.detail(id)
                .orElseThrow(() -> new InvalidRegistryInputException(Map.of("id", "registry.error.practitioner.unknown")));
        Map<String, String> errors = validate(form, current);
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
        int updated;
        try {
            updated = jdbc.sql("""
                            update registry.practitioner set name = :name, sex = :sex, profession = :profession,
                                title = :title, specialty = :department, licence_number = :licence,
                                organisation_id = :org, active = :active, updated_at = now(), updated_by = :by,
                                version = version + 1
                            where id = :id and version = :version
                            """)
                    .params(columns(form))
                    .param("by", who()).param("id", id).param("version", form.version())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidRegistryInputException(Map.of("licenceNumber", "registry.error.licence.taken"));
        }
        if (updated == 0) {
            throw new InvalidRegistryInputException(Map.of("version", "registry.error.version"));
        }
        jdbc.sql("delete from registry.practitioner_specialty where practitioner_id = :id").param("id", id).update();
        jdbc.sql("delete from registry.practitioner_site where practitioner_id = :id").param("id", id).update();
        writeSpecialtiesAndSites(id, form);
        audit.record(AuditEvent.administration("PRACTITIONER_UPDATED", "Practitioner", String.valueOf(id),
                form.profession() + " " + form.title()));
    }

    Map<String, String> validate(PractitionerForm form, PractitionerDetail current) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.name() == null || !NAME.matcher(form.name().strip()).matches()) {
            errors.put("name", "registry.error.practitioner.name");
        }
        if (!SEX_CODES.contains(form.sexCode())) {
            errors.put("sexCode", "registry.error.practitioner.sex");
        }
        if (form.profession() == null) {
            errors.put("profession", "registry.error.required");
        } else {
            Optional<ProfessionalTitle> title = ProfessionalTitle.fromNameZh(form.title() == null ? "" : form.title().strip());
            if (title.isEmpty()) {
                errors.put("title", "registry.error.title.unknown");
            } else if (!title.get().fits(form.profession())) {
                errors.put("title", "registry.error.title.profession");
            }
            String licence = form.licenceNumber() == null ? null : form.licenceNumber().strip();
            LicenceNumbers.problem(licence, form.profession(), LocalDate.now(clock.withZone(CHINA)))
                    .ifPresent(problem -> errors.put("licenceNumber", problem));
            if (!errors.containsKey("licenceNumber") && licence != null && !licence.isEmpty()
                    && jdbc.sql("select count(*) from registry.practitioner where licence_number = :l and id <> :id")
                            .param("l", licence).param("id", current == null ? -1 : current.summary().id())
                            .query(Long.class).single() > 0) {
                errors.put("licenceNumber", "registry.error.licence.taken");
            }
        }
        if (form.department() != null && form.department().strip().length() > 40) {
            errors.put("department", "registry.error.tooLong");
        }
        if (organisations.findById(form.organisationId()).isEmpty()) {
            errors.put("organisationId", "registry.error.organisation.unknown");
        }
        if (form.sites().containsKey(form.organisationId())) {
            errors.put("sites", "registry.error.practitioner.sitePrimary");
        } else if (organisations.findAllById(form.sites().keySet()).size() != form.sites().size()) {
            errors.put("sites", "registry.error.organisation.unknown");
        }
        return errors;
    }

    private void writeSpecialtiesAndSites(long id, PractitionerForm form) {
        for (Specialty specialty : form.specialties()) {
            jdbc.sql("insert into registry.practitioner_specialty (practitioner_id, specialty) values (:id, :s)")
                    .param("id", id).param("s", specialty.name()).update();
        }
        form.sites().forEach((organisationId, role) -> jdbc.sql("""
                        insert into registry.practitioner_site (practitioner_id, organisation_id, role) values (:id, :o, :r)
                        """)
                .param("id", id).param("o", organisationId).param("r", role.name()).update());
    }

    private static Map<String, Object> columns(PractitionerForm form) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", form.name().strip());
        columns.put("sex", form.sexCode());
        columns.put("profession", form.profession().name());
        columns.put("title", form.title().strip());
        columns.put("department", form.department() == null || form.department().isBlank() ? null : form.department().strip());
        columns.put("licence", form.licenceNumber() == null || form.licenceNumber().isBlank() ? null : form.licenceNumber().strip());
        columns.put("org", form.organisationId());
        columns.put("active", form.active());
        return columns;
    }

    private String who() {
        return actor.current().map(Actor::username).orElse("system");
    }
}
