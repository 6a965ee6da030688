package org.yiwang.ecg.format;

/** Sampling rates derived from sampling intervals written as decimals. */
final class SampleRates {

    private SampleRates() {
    }

    /**
     * {@code 1 / intervalSeconds}, snapped to the nearest integer (or tenth) when within one part per million, so a
     * rate written as its rounded interval (0.002777777777777778 s) reads back as 360 Hz exactly.
     */
    static double fromInterval(double intervalSeconds) {
        double rate = 1 / intervalSeconds;
        for (double step : new double[] {1, 0.1}) {
            double snapped = Math.round(rate / step) * step;
            if (Math.abs(rate - snapped) <= rate * 1e-6) {
                return step == 1 ? snapped : Math.round(rate * 10) / 10.0;
            }
        }
        return rate;
    }

    /** The shortest decimal that reads back (through {@link #fromInterval}) as {@code rateHz}. */
    static String interval(double rateHz, double unitSeconds) {
        java.math.BigDecimal value = new java.math.BigDecimal(1 / rateHz / unitSeconds)
                .round(new java.math.MathContext(12)).stripTrailingZeros();
        return value.toPlainString();
    }
}
