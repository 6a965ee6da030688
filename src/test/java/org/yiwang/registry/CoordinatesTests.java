package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CoordinatesTests {

    @Test
    void acceptsWgs84PairsAndNoCoordinatesAtAll() {
        assertThat(Coordinates.problems(new BigDecimal("30.125"), new BigDecimal("103.65"))).isEmpty();
        assertThat(Coordinates.problems(new BigDecimal("-90"), new BigDecimal("180.000000"))).isEmpty();
        assertThat(Coordinates.problems(null, null)).isEmpty();
    }

    @Test
    void rejectsOutOfRangeValuesPerField() {
        assertThat(Coordinates.problems(new BigDecimal("90.000001"), new BigDecimal("103.65")))
                .containsOnlyKeys("latitude").containsEntry("latitude", "registry.error.coordinates.latitude");
        assertThat(Coordinates.problems(new BigDecimal("30"), new BigDecimal("-180.5")))
                .containsOnlyKeys("longitude").containsEntry("longitude", "registry.error.coordinates.longitude");
        assertThat(Coordinates.problems(new BigDecimal("130"), new BigDecimal("300"))).containsOnlyKeys("latitude", "longitude");
    }

    @Test
    void rejectsHalfAPairAndMoreThanSixDecimals() {
        assertThat(Coordinates.problems(new BigDecimal("30.1"), null))
                .containsEntry("longitude", "registry.error.coordinates.pair");
        assertThat(Coordinates.problems(null, new BigDecimal("103.6")))
                .containsEntry("latitude", "registry.error.coordinates.pair");
        assertThat(Coordinates.problems(new BigDecimal("30.1234567"), new BigDecimal("103.65")))
                .containsEntry("latitude", "registry.error.coordinates.precision");
    }
}
