package org.yiwang.records.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.ObservationCatalogue;
import org.yiwang.records.ObservationType;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/**
 * The trend charts of the clinician's view: which observations each chart draws and how a series of entries becomes
 * its lines. Pure: the controller reads the series and hands them in.
 */
final class TrendCharts {

    /** Blood pressure panel and its two parts. */
    static final String BP_PANEL = "85354-9";
    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";

    /**
     * A chart: its key, the codes whose entries feed it, and the line codes it draws (a panel's components are
     * drawn under the component's code).
     */
    record Definition(String key, String titleKey, Set<String> codes, List<String> lines) {
    }

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("bp", "records.view.trend.bp", Set.of(BP_PANEL, SYSTOLIC, DIASTOLIC),
                    List.of(SYSTOLIC, DIASTOLIC)),
            new Definition("glucose", "records.view.trend.glucose", Set.of("14749-6", "1558-6"),
                    List.of("1558-6", "14749-6")),
            new Definition("hba1c", "records.view.trend.hba1c", Set.of("4548-4"), List.of("4548-4")));

    /** One measurement: epoch milliseconds, the value, and its flag code (H, LL…) or null. */
    record Point(long t, BigDecimal v, String flag) {
    }

    /** One line with the reference range to shade (either bound may be null). */
    record Line(String code, String name, String unit, BigDecimal low, BigDecimal high, List<Point> points) {
    }

    record Chart(String key, String title, String unit, List<Line> lines) {
    }

    record Trends(List<Chart> charts, String since) {
    }

    private final ObservationCatalogue catalogue;

    TrendCharts(ObservationCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The chart of {@code definition} from its entries (any order), oldest point first. Ranges: the catalogue's
     * adult range of the line's code; the latest result's own range when the laboratory sent one.
     */
    Chart chart(Definition definition, String title, List<ClinicalEntry> entries, Locale locale) {
        Map<String, List<Point>> points = new LinkedHashMap<>();
        Map<String, ReferenceRange> sentRanges = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        definition.lines().forEach(code -> points.put(code, new ArrayList<>()));
        List<ClinicalEntry> oldestFirst = entries.stream()
                .sorted(java.util.Comparator.comparing(ClinicalEntry::effectiveAt).thenComparing(ClinicalEntry::id))
                .toList();
        for (ClinicalEntry e : oldestFirst) {
            if (e.details() instanceof EntryDetails.Observation obs && !obs.components().isEmpty()) {
                for (EntryDetails.Component c : obs.components()) {
                    add(points, sentRanges, units, c.code().code(), e.effectiveAt(), c.value(), c.range(),
                            c.interpretation() == null ? null : c.interpretation().code());
                }
            } else {
                add(points, sentRanges, units, e.code().code(), e.effectiveAt(), e.value(), e.range(),
                        e.interpretation() == null ? null : e.interpretation().code());
            }
        }
        List<Line> lines = new ArrayList<>();
        String chartUnit = null;
        for (String code : definition.lines()) {
            Optional<ObservationType> type = catalogue.find(code);
            ReferenceRange range = sentRanges.containsKey(code) ? sentRanges.get(code)
                    : type.map(ObservationType::range).orElse(null);
            String unit = units.getOrDefault(code, type.map(ObservationType::unit).orElse(null));
            chartUnit = chartUnit == null ? unit : chartUnit;
            String name = type.map(t -> "zh".equals(locale.getLanguage()) ? t.chineseName() : t.englishName())
                    .orElse(code);
            lines.add(new Line(code, name, EntryView.unit(unit), range == null ? null : range.low(),
                    range == null ? null : range.high(), List.copyOf(points.get(code))));
        }
        return new Chart(definition.key(), title, EntryView.unit(chartUnit), lines);
    }

    private static void add(Map<String, List<Point>> points, Map<String, ReferenceRange> sentRanges,
                            Map<String, String> units, String code, Instant at, Quantity value, ReferenceRange range,
                            String flag) {
        List<Point> line = points.get(code);
        if (line == null || value == null) {
            return;
        }
        line.add(new Point(at.toEpochMilli(), value.value(), flag));
        units.put(code, value.unit());
        if (range != null && !range.isEmpty()) {
            sentRanges.put(code, range);
        }
    }
}
