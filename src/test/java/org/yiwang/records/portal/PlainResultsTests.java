package org.yiwang.records.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.yiwang.records.Interpretation;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

class PlainResultsTests {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final ReferenceRange GLUCOSE = new ReferenceRange(new BigDecimal("3.9"), new BigDecimal("6.1"));

    @Test
    void explainsAHighResultWithTheUpperLimitAndItsUnit() {
        PlainResults.Explanation e = PlainResults.explain(Interpretation.HIGH, GLUCOSE, "mmol/L", ZH);
        assertThat(e.key()).isEqualTo("portal.explain.HIGH");
        assertThat(e.argument()).isEqualTo("6.1 mmol/L");
    }

    @Test
    void explainsALowResultWithTheLowerLimit() {
        PlainResults.Explanation e = PlainResults.explain(Interpretation.LOW, GLUCOSE, "mmol/L", ZH);
        assertThat(e.key()).isEqualTo("portal.explain.LOW");
        assertThat(e.argument()).isEqualTo("3.9 mmol/L");
    }

    @Test
    void explainsCriticalValuesSeparatelyFromMereHighs() {
        assertThat(PlainResults.explain(Interpretation.CRITICAL_HIGH, GLUCOSE, "mmol/L", ZH).key())
                .isEqualTo("portal.explain.CRITICAL_HIGH");
        assertThat(PlainResults.explain(Interpretation.CRITICAL_LOW, GLUCOSE, "mmol/L", ZH).argument())
                .isEqualTo("3.9 mmol/L");
        assertThat(PlainResults.explain(Interpretation.CRITICAL, null, null, ZH).key()).isEqualTo("portal.explain.CRITICAL");
    }

    @Test
    void aFlagWithoutTheCrossedLimitGetsTheWordingWithoutANumber() {
        ReferenceRange lowerOnly = new ReferenceRange(new BigDecimal("1.04"), null);
        assertThat(PlainResults.explain(Interpretation.HIGH, lowerOnly, "mmol/L", ZH).key())
                .isEqualTo("portal.explain.HIGH.noLimit");
        assertThat(PlainResults.explain(null, GLUCOSE, "mmol/L", ZH)).isNull();
    }

    @Test
    void normalResultsNameTheirRange() {
        PlainResults.Explanation e = PlainResults.explain(Interpretation.NORMAL, GLUCOSE, "mmol/L", ZH);
        assertThat(e.key()).isEqualTo("portal.explain.NORMAL");
        assertThat(e.argument()).isEqualTo("3.9–6.1 mmol/L");
    }

    @Test
    void writesUcumUnitsAndRangesAsPeopleReadThem() {
        assertThat(PlainResults.quantity(Quantity.of("150", "mm[Hg]"), ZH)).isEqualTo("150 mmHg");
        assertThat(PlainResults.quantity(Quantity.of("36.80", "Cel"), ZH)).isEqualTo("36.80 ℃");
        assertThat(PlainResults.quantity(Quantity.of("1.1", "{INR}"), ZH)).isEqualTo("1.1");
        assertThat(PlainResults.unit("/min", ZH)).isEqualTo("次/分");
        assertThat(PlainResults.unit("/min", Locale.ENGLISH)).isEqualTo("/min");
        assertThat(PlainResults.unit("10*9/L", ZH)).isEqualTo("×10⁹/L");
        assertThat(PlainResults.range(new ReferenceRange(null, new BigDecimal("5.2")))).isEqualTo("≤ 5.2");
        assertThat(PlainResults.range(new ReferenceRange(new BigDecimal("90"), null))).isEqualTo("≥ 90");
        assertThat(PlainResults.range(null)).isEmpty();
        assertThat(PlainResults.number(new BigDecimal("1E+2"))).isEqualTo("100");
    }
}
