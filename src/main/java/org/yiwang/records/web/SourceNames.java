package org.yiwang.records.web;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Practitioners;

/**
 * Where the entries on a page come from, by name: one query for all their organisations and one for all their
 * authors, whatever the number of rows.
 */
@Component
class SourceNames {

    private final Organisations organisations;
    private final Practitioners practitioners;

    SourceNames(Organisations organisations, Practitioners practitioners) {
        this.organisations = organisations;
        this.practitioners = practitioners;
    }

    /** Names of the organisations and authors of these entries, and of {@code moreOrganisations}. */
    Lookup of(Collection<ClinicalEntry> entries, Collection<Long> moreOrganisations, Locale locale) {
        Set<Long> orgIds = new LinkedHashSet<>(moreOrganisations);
        entries.forEach(e -> orgIds.add(e.organisationId()));
        Set<Long> authorIds = new LinkedHashSet<>();
        entries.stream().map(ClinicalEntry::authorPractitionerId).filter(Objects::nonNull).forEach(authorIds::add);
        Map<Long, String> orgNames = new HashMap<>();
        for (OrganisationSummary o : organisations.findAllById(orgIds)) {
            orgNames.put(o.id(), o.name(locale));
        }
        Map<Long, String> authorNames = new HashMap<>();
        if (!authorIds.isEmpty()) {
            for (PractitionerSummary p : practitioners.findAllById(authorIds)) {
                authorNames.put(p.id(), p.title() == null ? p.name() : p.name() + "（" + p.title() + "）");
            }
        }
        return new Lookup(orgNames, authorNames);
    }

    /** Entries of several lists at once. */
    @SafeVarargs
    static List<ClinicalEntry> all(Collection<ClinicalEntry>... lists) {
        return Stream.of(lists).flatMap(Collection::stream).toList();
    }

    /** Organisation and author names by id; an id not on file shows as {@code #id}. */
    record Lookup(Map<Long, String> organisations, Map<Long, String> authors) {

        String organisation(long id) {
            return organisations.getOrDefault(id, "#" + id);
        }

        String author(Long id) {
            return id == null ? null : authors.getOrDefault(id, "#" + id);
        }

        EntryView view(ClinicalEntry entry) {
            return new EntryView(entry, organisation(entry.organisationId()), author(entry.authorPractitionerId()));
        }

        List<EntryView> views(List<ClinicalEntry> entries) {
            return entries.stream().map(this::view).toList();
        }
    }
}
