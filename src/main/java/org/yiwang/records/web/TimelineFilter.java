package org.yiwang.records.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;
import org.yiwang.records.EntryKind;
import org.yiwang.records.TimelineCursor;
import org.yiwang.records.TimelineQuery;

/**
 * The timeline's filters as given in the query string ({@code kind}, {@code from}, {@code to}, {@code org},
 * {@code after}), checked: dates are days in Asia/Shanghai, {@code to} inclusive. Every problem is kept with its
 * message key and the value as typed, so the page can say what to fix.
 */
public record TimelineFilter(Set<EntryKind> kinds, LocalDate from, LocalDate to, Set<Long> organisationIds,
                      TimelineCursor after, String fromText, String toText, Map<String, Problem> problems) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_VALUES = 20;

    /** A refused parameter: its message key and the value as given. */
    public record Problem(String messageKey, String value) {
    }

    static TimelineFilter parse(List<String> kindParams, String fromParam, String toParam, List<String> orgParams,
                                String afterParam) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        Set<EntryKind> kinds = new LinkedHashSet<>();
        for (String k : limit(kindParams)) {
            if (k.isBlank()) {
                continue;
            }
            try {
                kinds.add(EntryKind.valueOf(k.strip()));
            } catch (IllegalArgumentException e) {
                problems.putIfAbsent("kind", new Problem("records.view.error.kind", k));
            }
        }
        Set<Long> orgs = new LinkedHashSet<>();
        for (String o : limit(orgParams)) {
            if (o.isBlank()) {
                continue;
            }
            try {
                orgs.add(Long.parseLong(o.strip()));
            } catch (NumberFormatException e) {
                problems.putIfAbsent("org", new Problem("records.view.error.organisation", o));
            }
        }
        LocalDate from = date("from", fromParam, problems);
        LocalDate to = date("to", toParam, problems);
        if (from != null && to != null && from.isAfter(to)) {
            problems.put("to", new Problem("records.view.error.dateOrder", toParam));
        }
        TimelineCursor after = null;
        if (afterParam != null && !afterParam.isBlank()) {
            try {
                after = TimelineCursor.parse(afterParam.strip());
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                problems.put("after", new Problem("records.view.error.cursor", afterParam));
            }
        }
        return new TimelineFilter(Set.copyOf(kinds), from, to, Set.copyOf(orgs), after,
                fromParam == null ? "" : fromParam.strip(), toParam == null ? "" : toParam.strip(), problems);
    }

    private static List<String> limit(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.size() > MAX_VALUES ? values.subList(0, MAX_VALUES) : values;
    }

    private static LocalDate date(String field, String text, Map<String, Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() < 1900 || date.getYear() > 2200) {
                problems.put(field, new Problem("records.view.error.date", text));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.put(field, new Problem("records.view.error.date", text));
            return null;
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public boolean filtered() {
        return !kinds.isEmpty() || from != null || to != null || !organisationIds.isEmpty();
    }

    TimelineQuery query() {
        return new TimelineQuery(kinds, from == null ? null : from.atStartOfDay(CHINA).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant(), organisationIds, after, 0);
    }

    /** The filter's query parameters (never the cursor), to keep in links. */
    UriComponentsBuilder addTo(UriComponentsBuilder uri) {
        kinds.stream().sorted().forEach(k -> uri.queryParam("kind", k.name()));
        if (from != null) {
            uri.queryParam("from", from.toString());
        }
        if (to != null) {
            uri.queryParam("to", to.toString());
        }
        organisationIds.stream().sorted().forEach(o -> uri.queryParam("org", o));
        return uri;
    }
}
