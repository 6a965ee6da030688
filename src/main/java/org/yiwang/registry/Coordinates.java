package org.yiwang.registry;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WGS-84 latitude and longitude in decimal degrees (6 decimals, about 0.1 m). Both are optional on an
 * organisation, but only together. Note that Chinese web maps show GCJ-02; coordinates from them must be
 * converted before they are stored here.
 */
public final class Coordinates {

    private static final BigDecimal MAX_LATITUDE = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LONGITUDE = BigDecimal.valueOf(180);

    private Coordinates() {
    }

    /** Field name ({@code latitude}/{@code longitude}) to message key of what is wrong; empty if fine. */
    public static Map<String, String> problems(BigDecimal latitude, BigDecimal longitude) {
        Map<String, String> problems = new LinkedHashMap<>();
        if ((latitude == null) != (longitude == null)) {
            problems.put(latitude == null ? "latitude" : "longitude", "registry.error.coordinates.pair");
        }
        check(problems, "latitude", latitude, MAX_LATITUDE, "registry.error.coordinates.latitude");
        check(problems, "longitude", longitude, MAX_LONGITUDE, "registry.error.coordinates.longitude");
        return problems;
    }

    private static void check(Map<String, String> problems, String field, BigDecimal value, BigDecimal max, String range) {
        if (value == null) {
            return;
        }
        if (value.abs().compareTo(max) > 0) {
            problems.put(field, range);
        } else if (value.stripTrailingZeros().scale() > 6) {
            problems.put(field, "registry.error.coordinates.precision");
        }
    }
}
