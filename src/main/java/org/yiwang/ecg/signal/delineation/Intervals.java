package org.yiwang.ecg.signal.delineation;

/**
 * Global intervals of the dominant beat. QTc is reported by Bazett (the convention of most ECG machines and
 * reading physicians); Fridericia is given alongside because Bazett over-corrects at fast rates.
 *
 * @param rrMs median RR interval used for the correction
 */
public record Intervals(double prMs, double qrsMs, double qtMs, double rrMs, double qtcBazettMs, double qtcFridericiaMs) {

    static Intervals of(WaveBoundaries b, double rrMs) {
        double pr = b.qrsOnsetMs() - b.pOnsetMs();
        double qrs = b.qrsOffsetMs() - b.qrsOnsetMs();
        double qt = b.tEndMs() - b.qrsOnsetMs();
        double rrSeconds = rrMs / 1000;
        return new Intervals(round(pr), round(qrs), round(qt), round(rrMs), round(qt / Math.sqrt(rrSeconds)),
                round(qt / Math.cbrt(rrSeconds)));
    }

    /** The QTc this project reports (Bazett). */
    public double qtcMs() {
        return qtcBazettMs;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }
}
