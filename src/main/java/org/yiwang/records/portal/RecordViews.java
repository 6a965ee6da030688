package org.yiwang.records.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.Interpretation;
import org.yiwang.records.ObservationCatalogue;
import org.yiwang.records.ObservationType;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/** Entries of the record as the portal shows them to a lay person: names, values, ranges and flags in words. */
@Component
class RecordViews {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ObservationCatalogue catalogue;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;

    RecordViews(ObservationCatalogue catalogue, OrganisationDirectory organisations, MessageSource messages) {
        this.catalogue = catalogue;
        this.organisations = organisations;
        this.messages = messages;
    }

    /** A result or one part of a panel. */
    record Result(String name, String value, String range, String flag, String flagLabel, String explanation,
            boolean abnormal, boolean critical) {
    }

    /** An entry in a list or on its page. */
    record Item(long id, String kind, String name, String date, String organisation, Result result,
            List<Result> components, String category, String conclusion, boolean hidden) {
    }

    Map<Long, String> organisationNames(Collection<ClinicalEntry> entries, Locale locale) {
        return organisations.names(entries.stream().map(ClinicalEntry::organisationId).distinct().toList(), locale);
    }

    List<Item> items(List<ClinicalEntry> entries, Locale locale) {
        Map<Long, String> names = organisationNames(entries, locale);
        return entries.stream().map(e -> item(e, names, locale)).toList();
    }

    Item item(ClinicalEntry e, Map<Long, String> organisationNames, Locale locale) {
        Result result = null;
        List<Result> components = List.of();
        String conclusion = null;
        if (e.details() instanceof EntryDetails.Observation observation) {
            components = observation.components().stream()
                    .map(c -> result(c.code().code(), c.code().display(), c.value(), null, c.range(), c.interpretation(), locale))
                    .toList();
            result = result(e.code().code(), e.code().display(), e.value(), e.valueText(), e.range(), e.interpretation(),
                    locale);
        } else if (e.details() instanceof EntryDetails.Report report) {
            conclusion = report.conclusion();
        }
        String category = e.category() == null ? null
                : messages.getMessage("portal.category." + e.category(), null, e.category(), locale);
        return new Item(e.id(), e.kind().name(), name(e, locale), date(e.effectiveAt()),
                organisationNames.getOrDefault(e.organisationId(), "#" + e.organisationId()), result, components,
                category, conclusion, e.hiddenAt() != null);
    }

    /** The catalogue's name of a test in the reader's language, else the name the sender gave. */
    String name(ClinicalEntry e, Locale locale) {
        if (e.kind() == org.yiwang.records.EntryKind.OBSERVATION) {
            return testName(e.code().code(), e.code().display(), locale);
        }
        return e.code().display().isBlank() ? e.code().code() : e.code().display();
    }

    String testName(String code, String sent, Locale locale) {
        return catalogue.find(code)
                .map(t -> english(locale) ? t.englishName() : t.chineseName())
                .orElse(sent == null || sent.isBlank() ? code : sent);
    }

    Result result(String code, String sentName, Quantity value, String valueText, ReferenceRange range,
            Interpretation flag, Locale locale) {
        String unit = value != null ? value.unit() : catalogue.find(code).map(ObservationType::unit).orElse(null);
        String shownValue = value != null ? PlainResults.quantity(value, locale) : Objects.requireNonNullElse(valueText, "");
        String shownRange = PlainResults.range(range);
        String unitText = PlainResults.unit(unit, locale);
        if (!shownRange.isEmpty() && !unitText.isEmpty()) {
            shownRange = shownRange + " " + unitText;
        }
        PlainResults.Explanation explanation = PlainResults.explain(flag, range, unit, locale);
        return new Result(testName(code, sentName, locale), shownValue, shownRange, flag == null ? null : flag.name(),
                flag == null ? "" : messages.getMessage("portal.flag." + flag.name(), null, locale),
                explanation == null ? null
                        : messages.getMessage(explanation.key(), new Object[] {explanation.argument()}, locale),
                flag != null && flag.abnormal(), flag != null && flag.critical());
    }

    static String date(Instant at) {
        return at == null ? "" : DATE.format(at.atZone(CHINA));
    }

    static boolean english(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }
}
