package org.yiwang.records;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A measured amount with its UCUM unit.
 *
 * @param value the number as measured (scale kept)
 * @param unit  UCUM unit ({@code mmol/L}, {@code mm[Hg]}, {@code %}, {@code /min})
 */
public record Quantity(BigDecimal value, String unit) {

    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
    }

    public static Quantity of(String value, String unit) {
        return new Quantity(new BigDecimal(value), unit);
    }
}
