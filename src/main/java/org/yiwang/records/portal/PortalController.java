package org.yiwang.records.portal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.ResidentAccess;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.records.portal.PortalSubjects.Subject;

/**
 * The resident portal ({@code /me}, phone first): the person being viewed — oneself, a ward, or someone who
 * authorised the resident — with a switcher; "who viewed my record"; and the family authorisations. The person
 * being viewed is kept in the session and checked again on every request.
 */
@Controller
@PreAuthorize("hasRole('RESIDENT')")
class PortalController {

    static final String HOME = "/me";
    static final String ACCESS_LOG = "/me/access-log";
    static final String FAMILY = "/me/family";
    static final String SUBJECT = PortalSubjects.SESSION_KEY;

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CurrentActor currentActor;
    private final PortalAccess access;
    private final FamilyAuthorisations family;
    private final Residents residents;
    private final AuditTrail audit;
    private final OrganisationDirectory organisations;
    private final Masking masking;
    private final MessageSource messages;
    private final PortalProperties properties;
    private final PortalSubjects subjects;

    PortalController(CurrentActor currentActor, PortalAccess access, FamilyAuthorisations family, Residents residents,
            AuditTrail audit, OrganisationDirectory organisations, Masking masking, MessageSource messages,
            PortalProperties properties, PortalSubjects subjects) {
        this.subjects = subjects;
        this.currentActor = currentActor;
        this.access = access;
        this.family = family;
        this.residents = residents;
        this.audit = audit;
        this.organisations = organisations;
        this.masking = masking;
        this.messages = messages;
        this.properties = properties;
    }

    /** A person in the switcher. */
    record PersonView(long residentId, String maskedName, String relation, boolean current) {
    }

    @GetMapping(HOME)
    String home(HttpSession session, Model model) {
        Subject subject = subject(session);
        List<PortalAccess.Person> people = access.people(subject.self());
        ResidentSummary resident = people.stream().map(PortalAccess.Person::resident)
                .filter(r -> r.id() == subject.residentId()).findFirst()
                .or(() -> residents.findById(subject.residentId(), subject.relation().purpose()))
                .orElseThrow();
        if (!subject.own()) {
            audit.record(AuditEvent.read(subject.residentId(), "PORTAL_VIEW_RECORD", "Resident",
                    Long.toString(subject.residentId()), subject.relation().purpose()));
        }
        model.addAttribute("subject", subject);
        model.addAttribute("maskedName", masking.name(resident.name()));
        model.addAttribute("resident", resident);
        model.addAttribute("birthDate", resident.birthDate().format(DATE));
        model.addAttribute("people", people.stream()
                .map(p -> new PersonView(p.resident().id(), masking.name(p.resident().name()),
                        "portal.relation." + p.relation().name(), p.resident().id() == subject.residentId()))
                .toList());
        return "portal/home";
    }

    @PostMapping(HOME + "/subject")
    String switchSubject(@RequestParam long residentId, HttpSession session) {
        long self = access.self(currentActor.require());
        if (access.relation(self, residentId).isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException("not one of this resident's people");
        }
        session.setAttribute(SUBJECT, residentId);
        return "redirect:" + HOME;
    }

    /** A row of "who viewed my record", ready to show. */
    record AccessRow(String time, String organisation, String roleKey, String actorKind, String action,
            String purpose, boolean write, boolean breakGlass) {
    }

    @GetMapping(ACCESS_LOG)
    String accessLog(@RequestParam(required = false) String before, HttpSession session, Model model, Locale locale) {
        Subject subject = subject(session);
        ResidentAccess.Cursor cursor = null;
        if (before != null && !before.isBlank()) {
            cursor = ResidentAccess.Cursor.parse(before).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "before: not a page position of this log (use the link of the previous page)"));
        }
        List<Long> ids = residents.recordIds(subject.residentId());
        ResidentAccess.Page page = audit.accessLog(ids, cursor, properties.accessLogPageSize());
        audit.record(AuditEvent.read(subject.residentId(), "PORTAL_VIEW_ACCESS_LOG", "AccessLog",
                Long.toString(subject.residentId()), subject.relation().purpose()));
        Map<Long, String> names = organisations.names(page.entries().stream()
                .map(ResidentAccess::organisationId).filter(Objects::nonNull).distinct().toList(), locale);
        model.addAttribute("subject", subject);
        model.addAttribute("maskedName", residents.findById(subject.residentId(), subject.relation().purpose())
                .map(r -> masking.name(r.name())).orElse(""));
        model.addAttribute("rows", page.entries().stream().map(e -> new AccessRow(
                        TIME.format(e.occurredAt().atZone(CHINA)),
                        e.organisationId() == null ? null : names.getOrDefault(e.organisationId(), "#" + e.organisationId()),
                        e.actorRole() == null ? null : "role." + e.actorRole(),
                        e.actorKind(),
                        label("portal.action.", e.action(), locale),
                        e.purpose() == null ? null : label("portal.purpose.", e.purpose(), locale),
                        e.write(),
                        e.breakGlass()))
                .toList());
        model.addAttribute("next", page.next().map(ResidentAccess.Cursor::token).orElse(null));
        model.addAttribute("first", cursor == null);
        return "portal/access-log";
    }

    @GetMapping(FAMILY)
    String family(HttpSession session, Model model) {
        Subject subject = subject(session);
        return familyPage(subject, model, null, null, null);
    }

    @PostMapping(FAMILY)
    String authorise(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String name,
            HttpSession session, Model model, HttpServletResponse response) {
        Subject subject = ownSubject(session);
        FamilyAuthorisations.Outcome outcome = family.authorise(subject.self(), phone, name,
                currentActor.require().username());
        if (outcome.problem().isPresent()) {
            response.setStatus(422);
            return familyPage(subject, model, outcome.problem().get(), phone, name);
        }
        return "redirect:" + FAMILY + "?granted";
    }

    @PostMapping(FAMILY + "/{grantId}/revoke")
    String revoke(@PathVariable long grantId, HttpSession session) {
        Subject subject = ownSubject(session);
        if (!family.revoke(subject.self(), grantId, currentActor.require().username())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "grant " + grantId + " is not an active authorisation of yours");
        }
        return "redirect:" + FAMILY + "?revoked";
    }

    private String familyPage(Subject subject, Model model, FamilyAuthorisations.Problem problem, String phone,
            String name) {
        model.addAttribute("subject", subject);
        if (subject.own()) {
            model.addAttribute("grants", family.madeBy(subject.self()).stream()
                    .map(g -> Map.of("id", g.id(), "display", g.granteeDisplay(),
                            "since", DATE.format(g.grantedAt().atZone(CHINA))))
                    .toList());
        }
        model.addAttribute("people", access.people(subject.self()).stream()
                .filter(p -> p.relation() != PortalAccess.Relation.SELF)
                .map(p -> new PersonView(p.resident().id(), masking.name(p.resident().name()),
                        "portal.relation." + p.relation().name(), p.resident().id() == subject.residentId()))
                .toList());
        model.addAttribute("problem", problem);
        model.addAttribute("phone", phone);
        model.addAttribute("name", name);
        return "portal/family";
    }

    private Subject subject(HttpSession session) {
        return subjects.current(session);
    }

    private Subject ownSubject(HttpSession session) {
        return subjects.own(session);
    }

    /** The bundle's wording for a code, or the code itself when the bundle has none. */
    private String label(String prefix, String code, Locale locale) {
        String key = prefix + code.replaceAll("[^A-Za-z0-9]+", "_");
        return messages.getMessage(key, null, code, locale);
    }
}
