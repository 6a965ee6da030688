package org.yiwang.records.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.ObservationCatalogue;
import org.yiwang.records.RecordAccess;
import org.yiwang.records.RecordOverview;
import org.yiwang.records.TimelinePage;
import org.yiwang.records.TimelineQuery;

/**
 * The clinician's view of a resident's shared record (全景视图): allergies first, active problems and medications
 * from every organisation, trend charts, the result-sharing box and the timeline across institutions with filters and
 * keyset paging ("more" appends the next page with htmx, or opens it as a page without script).
 */
@Controller
@RequestMapping("/records/residents/{residentId}")
@PreAuthorize(RecordViewController.CLINICAL_ROLES)
class RecordViewController {

    static final String CLINICAL_ROLES =
            "hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER','PHARMACIST','LAB_TECHNICIAN')";
    static final String PURPOSE = "care: shared record view";
    /** How far back the trend charts reach. */
    static final int TREND_YEARS = 5;
    /** Points per chart at most (the record caps series at its maximum page size too). */
    static final int TREND_POINTS = 200;

    private final HealthRecord record;
    private final Residents residents;
    private final SourceNames names;
    private final ObservationCatalogue catalogue;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final TrendCharts trendCharts;
    private final RecordAccess access;

    RecordViewController(HealthRecord record, Residents residents, SourceNames names, ObservationCatalogue catalogue,
                         CurrentActor currentActor, MessageSource messages, RecordAccess access) {
        this.record = record;
        this.access = access;
        this.residents = residents;
        this.names = names;
        this.catalogue = catalogue;
        this.currentActor = currentActor;
        this.messages = messages;
        this.trendCharts = new TrendCharts(catalogue);
    }

    @GetMapping
    String view(@PathVariable long residentId, @RequestParam(name = "kind", required = false) List<String> kinds,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(name = "org", required = false) List<String> orgs,
                @RequestParam(required = false) String after, Model model, Locale locale,
                HttpServletResponse response) {
        ResidentSummary resident = resident(residentId);
        TimelineFilter filter = TimelineFilter.parse(kinds, from, to, orgs, after);
        // one access decision and one audit entry for the whole head of the page
        RecordOverview overview = record.overview(resident.id(),
                filter.valid() ? filter.query() : new TimelineQuery(Set.of(), null, null, Set.of(), null, 1), PURPOSE);
        List<ClinicalEntry> allergies = overview.allergies();
        List<ClinicalEntry> problems = overview.problems();
        List<ClinicalEntry> medications = overview.medications();
        List<Long> sources = overview.organisationIds();
        TimelinePage page = filter.valid() ? overview.timeline() : new TimelinePage(List.of(), null);
        SourceNames.Lookup lookup = names.of(SourceNames.all(allergies, problems, medications, page.entries()),
                sources, locale);
        if (!filter.valid()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("resident", resident);
        // how this clinician may read the record: relationship, or an emergency override shown as a banner
        model.addAttribute("access", access.currentAccess(resident.id()));
        model.addAttribute("age", Period.between(resident.birthDate(), LocalDate.now(TimelineFilter.CHINA)).getYears());
        model.addAttribute("allergies", lookup.views(allergies));
        model.addAttribute("problems", lookup.views(problems));
        model.addAttribute("medications", lookup.views(medications));
        model.addAttribute("sources", sources.stream().map(id -> Map.entry(id, lookup.organisation(id)))
                .sorted(Map.Entry.comparingByValue()).toList());
        model.addAttribute("kinds", EntryKind.values());
        model.addAttribute("filter", filter);
        model.addAttribute("filterErrors", errors(filter, locale));
        model.addAttribute("trends", TrendCharts.DEFINITIONS);
        model.addAttribute("tests", catalogue.all());
        model.addAttribute("canOrder", currentActor.require().hasRole(Role.DOCTOR)
                || currentActor.require().hasRole(Role.FAMILY_DOCTOR));
        addPage(model, resident.id(), filter, page, lookup);
        return "records/view";
    }

    /** htmx: the next page of the timeline, appended to the list, and the new "more" link (out of band). */
    @GetMapping("/timeline")
    String timeline(@PathVariable long residentId, @RequestParam(name = "kind", required = false) List<String> kinds,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(name = "org", required = false) List<String> orgs,
                    @RequestParam(required = false) String after, Model model, Locale locale,
                    HttpServletResponse response) {
        long id = currentId(residentId);
        TimelineFilter filter = TimelineFilter.parse(kinds, from, to, orgs, after);
        if (!filter.valid()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterErrors", errors(filter, locale));
            return "records/fragments :: filterErrors";
        }
        TimelinePage page = record.timeline(id, filter.query(), PURPOSE);
        addPage(model, id, filter, page, names.of(page.entries(), List.of(), locale));
        return "records/fragments :: timelineChunk";
    }

    /**
     * The trend charts' data: blood pressure, glucose and HbA1c of the last {@value #TREND_YEARS} years, at most
     * {@value #TREND_POINTS} results per chart, oldest first, with the reference ranges to shade.
     */
    @GetMapping(value = "/trends", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    TrendCharts.Trends trends(@PathVariable long residentId, Locale locale) {
        long id = currentId(residentId);
        Instant since = ZonedDateTime.now(TimelineFilter.CHINA).minusYears(TREND_YEARS).toInstant();
        List<TrendCharts.Chart> charts = new ArrayList<>();
        for (TrendCharts.Definition definition : TrendCharts.DEFINITIONS) {
            List<ClinicalEntry> series = record.series(id, definition.codes(), since, TREND_POINTS, PURPOSE);
            charts.add(trendCharts.chart(definition, messages.getMessage(definition.titleKey(), null, locale),
                    series, locale));
        }
        return new TrendCharts.Trends(charts, EntryView.day(since));
    }

    private void addPage(Model model, long residentId, TimelineFilter filter, TimelinePage page,
                         SourceNames.Lookup lookup) {
        model.addAttribute("items", lookup.views(page.entries()));
        model.addAttribute("residentId", residentId);
        String base = "/records/residents/" + residentId;
        model.addAttribute("filterQuery", filter.addTo(UriComponentsBuilder.fromPath(base)).build().encode().toUriString());
        if (page.next() != null) {
            String token = page.next().token();
            model.addAttribute("nextUrl", filter.addTo(UriComponentsBuilder.fromPath(base))
                    .queryParam("after", token).build().encode().toUriString());
            model.addAttribute("nextFragmentUrl", filter.addTo(UriComponentsBuilder.fromPath(base + "/timeline"))
                    .queryParam("after", token).build().encode().toUriString());
        }
    }

    private Map<String, String> errors(TimelineFilter filter, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        filter.problems().forEach((field, problem) -> errors.put(field,
                messages.getMessage(problem.messageKey(), new Object[] {problem.value()}, locale)));
        return errors;
    }

    private ResidentSummary resident(long residentId) {
        return residents.findCurrent(residentId, PURPOSE)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The current record of a resident (a merged id leads to its survivor); 404 when unknown. */
    private long currentId(long residentId) {
        return residents.resolve(residentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
