package org.yiwang.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests and vital signs the county's record knows by name ({@code records/observation-codes.tsv}): names,
 * units, default reference ranges, critical limits and the equivalence groups used for result sharing. Pure and
 * immutable.
 */
public final class ObservationCatalogue {

    public static final String RESOURCE = "records/observation-codes.tsv";

    private final Map<String, ObservationType> byCode;

    private ObservationCatalogue(Map<String, ObservationType> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    public static ObservationCatalogue fromClasspath() {
        return parse(ReferenceLists.lines(RESOURCE, "observation catalogue"));
    }

    /** A catalogue from tab-separated lines (see the resource's header); a malformed line is named in the error. */
    public static ObservationCatalogue parse(List<String> lines) {
        Map<String, ObservationType> types = new LinkedHashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 10 || f[0].isBlank() || f[1].isBlank() || f[9].isBlank()) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": expected 10 tab-separated columns "
                        + "with code, Chinese name and group: " + line);
            }
            try {
                ObservationType type = new ObservationType(f[0], f[1], f[2], f[3], blankToNull(f[4]),
                        new ReferenceRange(decimal(f[5]), decimal(f[6])), decimal(f[7]), decimal(f[8]), f[9]);
                if (types.put(type.code(), type) != null) {
                    throw new IllegalArgumentException("code " + type.code() + " twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new ObservationCatalogue(types);
    }

    public Optional<ObservationType> find(String loincCode) {
        return Optional.ofNullable(byCode.get(loincCode));
    }

    /** The codes that count as the same test as {@code loincCode} for result sharing, itself included. */
    public List<String> equivalents(String loincCode) {
        ObservationType type = byCode.get(loincCode);
        if (type == null) {
            return List.of(loincCode);
        }
        List<String> codes = new ArrayList<>();
        byCode.values().stream().filter(t -> t.group().equals(type.group())).forEach(t -> codes.add(t.code()));
        return List.copyOf(codes);
    }

    /** All known types in file order, for pickers. */
    public List<ObservationType> all() {
        return byCode.values().stream().sorted(java.util.Comparator.comparing(ObservationType::category)
                .thenComparing(ObservationType::group)).toList();
    }

    private static BigDecimal decimal(String text) {
        return text.isBlank() ? null : new BigDecimal(text.strip());
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }
}
