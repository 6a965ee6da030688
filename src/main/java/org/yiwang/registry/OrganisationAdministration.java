package org.yiwang.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * Changes to the organisation network: create and edit organisations with their services, and manage consortium
 * memberships. Every change is validated as a whole (field errors in {@link InvalidRegistryInputException}),
 * written in one transaction with its audit entry, and refused if the organisation changed since the form was
 * loaded.
 */
@Service
@Transactional
public class OrganisationAdministration {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,31}");
    private static final int MAX_BEDS = 20000;

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final AuditTrail audit;
    private final CurrentActor actor;

    OrganisationAdministration(JdbcClient jdbc, Organisations organisations, AuditTrail audit, CurrentActor actor) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.audit = audit;
        this.actor = actor;
    }

    /** Registers a new organisation; returns its id. */
    public long create(OrganisationForm form) {
        Map<String, String> errors = validate(form, null);
        if (errors.isEmpty() && jdbc.sql("select count(*) from registry.organisation where code = :code")
                .param("code", form.code()).query(Long.class).single() > 0) {
            errors.put("code", "registry.error.code.taken");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
        long id;
        try {
            id = jdbc.sql("""
                            insert into registry.organisation (code, name_zh, name_en, short_name_zh, short_name_en, type,
                                parent_id, division_code, address, latitude, longitude, beds, active, created_by)
                            values (:code, :nameZh, :nameEn, :shortNameZh, :shortNameEn, :type, :parentId, :division,
                                :address, :latitude, :longitude, :beds, :active, :by)
                            returning id
                            """)
                    .params(columns(form))
                    .param("by", who())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new InvalidRegistryInputException(Map.of("code", "registry.error.code.taken"));
        }
        writeServices(id, form);
        audit.record(AuditEvent.administration("ORGANISATION_CREATED", "Organisation", String.valueOf(id),
                form.code() + " " + form.type()));
        return id;
    }

    /** Changes an organisation; refused with a field error on {@code version} if someone else changed it first. */
    public void update(long id, OrganisationForm form) {
        OrganisationDetail current = organisations.detail(id)
                .orElseThrow(() -> new InvalidRegistryInputException(Map.of("id", "registry.error.organisation.unknown")));
        Map<String, String> errors = validate(form, current);
        if (errors.isEmpty() && !form.code().equals(current.code())
                && jdbc.sql("select count(*) from registry.organisation where code = :code")
                        .param("code", form.code()).query(Long.class).single() > 0) {
            errors.put("code", "registry.error.code.taken");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
        int updated = jdbc.sql("""
                        update registry.organisation set code = :code, name_zh = :nameZh, name_en = :nameEn,
                            short_name_zh = :shortNameZh, short_name_en = :shortNameEn, type = :type,
                            parent_id = :parentId, division_code = :division, address = :address,
                            latitude = :latitude, longitude = :longitude, beds = :beds, active = :active,
                            updated_at = now(), updated_by = :by, version = version + 1
                        where id = :id and version = :version
                        """)
                .params(columns(form))
                .param("by", who())
                .param("id", id)
                .param("version", form.version())
                .update();
        if (updated == 0) {
            throw new InvalidRegistryInputException(Map.of("version", "registry.error.version"));
        }
        organisations.forgetCached();
        jdbc.sql("delete from registry.organisation_service where organisation_id = :id").param("id", id).update();
        writeServices(id, form);
        audit.record(AuditEvent.administration("ORGANISATION_UPDATED", "Organisation", String.valueOf(id),
                changes(current, form)));
    }

    /** Adds an organisation to a consortium (or changes its role there). A consortium has one lead. */
    public void joinConsortium(long consortiumId, long organisationId, ConsortiumRole role) {
        ConsortiumSummary consortium = organisations.consortium(consortiumId)
                .orElseThrow(() -> new InvalidRegistryInputException(Map.of("consortiumId", "registry.error.consortium.unknown")));
        if (organisations.findById(organisationId).isEmpty()) {
            throw new InvalidRegistryInputException(Map.of("organisationId", "registry.error.organisation.unknown"));
        }
        if (role == ConsortiumRole.BRANCH && consortium.type() != ConsortiumType.HOSPITAL_GROUP) {
            throw new InvalidRegistryInputException(Map.of("role", "registry.error.consortium.branchOnlyInGroup"));
        }
        if (role == ConsortiumRole.LEAD && jdbc.sql("""
                        select count(*) from registry.consortium_member
                        where consortium_id = :c and role = 'LEAD' and organisation_id <> :o
                        """).param("c", consortiumId).param("o", organisationId).query(Long.class).single() > 0) {
            throw new InvalidRegistryInputException(Map.of("role", "registry.error.consortium.leadTaken"));
        }
        jdbc.sql("""
                        insert into registry.consortium_member (consortium_id, organisation_id, role, joined_by)
                        values (:c, :o, :role, :by)
                        on conflict (consortium_id, organisation_id) do update set role = excluded.role
                        """)
                .param("c", consortiumId).param("o", organisationId).param("role", role.name()).param("by", who())
                .update();
        audit.record(AuditEvent.administration("CONSORTIUM_JOINED", "Organisation", String.valueOf(organisationId),
                consortium.code() + " " + role));
    }

    public void leaveConsortium(long consortiumId, long organisationId) {
        int removed = jdbc.sql("delete from registry.consortium_member where consortium_id = :c and organisation_id = :o")
                .param("c", consortiumId).param("o", organisationId).update();
        if (removed > 0) {
            audit.record(AuditEvent.administration("CONSORTIUM_LEFT", "Organisation", String.valueOf(organisationId),
                    "consortium " + consortiumId));
        }
    }

    /** Creates a consortium without members; returns its id. */
    public long createConsortium(String code, String nameZh, String nameEn, ConsortiumType type) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (code == null || !CODE.matcher(code).matches()) {
            errors.put("code", "registry.error.code.format");
        }
        requireText(errors, "nameZh", nameZh, 100);
        requireText(errors, "nameEn", nameEn, 200);
        if (type == null) {
            errors.put("type", "registry.error.required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRegistryInputException(errors);
        }
        try {
            long id = jdbc.sql("""
                            insert into registry.consortium (code, name_zh, name_en, type, created_by)
                            values (:code, :nameZh, :nameEn, :type, :by) returning id
                            """)
                    .param("code", code).param("nameZh", nameZh.strip()).param("nameEn", nameEn.strip())
                    .param("type", type.name()).param("by", who())
                    .query(Long.class).single();
            audit.record(AuditEvent.administration("CONSORTIUM_CREATED", "Consortium", String.valueOf(id), code));
            return id;
        } catch (DuplicateKeyException e) {
            throw new InvalidRegistryInputException(Map.of("code", "registry.error.code.taken"));
        }
    }

    /**
     * What is wrong with a form for a new organisation ({@code existingId} null) or an existing one, without writing:
     * field name to message key. Lets a form show every problem at once.
     */
    @Transactional(readOnly = true)
    public Map<String, String> problems(OrganisationForm form, Long existingId) {
        return validate(form, existingId == null ? null : organisations.detail(existingId).orElse(null));
    }

    /** All rules of one organisation form; field name to message key, empty when the form is acceptable. */
    Map<String, String> validate(OrganisationForm form, OrganisationDetail current) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.code() == null || !CODE.matcher(form.code()).matches()) {
            errors.put("code", "registry.error.code.format");
        }
        requireText(errors, "nameZh", form.nameZh(), 100);
        requireText(errors, "nameEn", form.nameEn(), 200);
        optionalText(errors, "shortNameZh", form.shortNameZh(), 40);
        optionalText(errors, "shortNameEn", form.shortNameEn(), 80);
        optionalText(errors, "address", form.address(), 200);
        if (form.type() == null) {
            errors.put("type", "registry.error.required");
        }
        DivisionCodes.problem(form.divisionCode()).ifPresent(problem -> errors.put("divisionCode", problem));
        errors.putAll(Coordinates.problems(form.latitude(), form.longitude()));
        if (form.beds() != null && (form.beds() < 0 || form.beds() > MAX_BEDS)) {
            errors.put("beds", "registry.error.beds");
        }
        if (form.type() != null && !errors.containsKey("divisionCode")) {
            int expected = switch (form.type()) {
                case VILLAGE_CLINIC -> 12;
                case TOWNSHIP_HEALTH_CENTRE, COMMUNITY_HEALTH_CENTRE -> 9;
                default -> 0;
            };
            if (expected > 0 && form.divisionCode().length() != expected) {
                errors.put("divisionCode", expected == 12 ? "registry.error.division.villageLevel"
                        : "registry.error.division.townshipLevel");
            }
        }
        if (current != null && (form.type() == OrganisationType.VILLAGE_CLINIC || form.type() == OrganisationType.PHARMACY)
                && !organisations.childrenOf(current.id()).isEmpty()) {
            errors.put("type", "registry.error.type.hasChildren");
        }
        validateParent(form, current, errors);
        return errors;
    }

    private void validateParent(OrganisationForm form, OrganisationDetail current, Map<String, String> errors) {
        if (form.parentId() == null) {
            if (form.type() != null && form.type() != OrganisationType.HEALTH_COMMISSION
                    && form.type() != OrganisationType.TERTIARY_HOSPITAL) {
                errors.put("parentId", "registry.error.parent.required");
            }
            return;
        }
        Optional<OrganisationSummary> parent = organisations.findById(form.parentId());
        if (parent.isEmpty()) {
            errors.put("parentId", "registry.error.organisation.unknown");
            return;
        }
        if (current != null && (parent.get().id() == current.id() || organisations.isAbove(current.id(), parent.get().id()))) {
            errors.put("parentId", "registry.error.parent.cycle");
            return;
        }
        if (form.type() == OrganisationType.VILLAGE_CLINIC && !parent.get().type().isPrimaryCareCentre()) {
            errors.put("parentId", "registry.error.parent.villageClinic");
            return;
        }
        if (form.divisionCode() != null && !errors.containsKey("divisionCode")
                && !form.divisionCode().startsWith(DivisionCodes.county(parent.get().divisionCode()))) {
            errors.put("divisionCode", "registry.error.division.parent");
        }
    }

    private static void requireText(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.put(field, "registry.error.required");
        } else if (value.strip().length() > max) {
            errors.put(field, "registry.error.tooLong");
        }
    }

    private static void optionalText(Map<String, String> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.put(field, "registry.error.tooLong");
        }
    }

    private void writeServices(long id, OrganisationForm form) {
        for (ServiceCode service : form.services()) {
            jdbc.sql("insert into registry.organisation_service (organisation_id, service) values (:id, :service)")
                    .param("id", id).param("service", service.name()).update();
        }
    }

    private static Map<String, Object> columns(OrganisationForm form) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("code", form.code());
        columns.put("nameZh", form.nameZh().strip());
        columns.put("nameEn", form.nameEn().strip());
        columns.put("shortNameZh", blankToNull(form.shortNameZh()));
        columns.put("shortNameEn", blankToNull(form.shortNameEn()));
        columns.put("type", form.type().name());
        columns.put("parentId", form.parentId());
        columns.put("division", form.divisionCode());
        columns.put("address", blankToNull(form.address()));
        columns.put("latitude", form.latitude());
        columns.put("longitude", form.longitude());
        columns.put("beds", form.beds());
        columns.put("active", form.active());
        return columns;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String changes(OrganisationDetail before, OrganisationForm after) {
        StringBuilder changed = new StringBuilder();
        OrganisationForm old = OrganisationForm.of(before);
        var components = OrganisationForm.class.getRecordComponents();
        for (var component : components) {
            if (component.getName().equals("version")) {
                continue;
            }
            try {
                Object a = component.getAccessor().invoke(old);
                Object b = component.getAccessor().invoke(after);
                if (!java.util.Objects.equals(a, b)) {
                    changed.append(changed.isEmpty() ? "" : ", ").append(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed.isEmpty() ? "no change" : "changed " + changed;
    }

    private String who() {
        return actor.current().map(Actor::username).orElse("system");
    }
}
