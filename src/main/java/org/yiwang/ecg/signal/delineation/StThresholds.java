package org.yiwang.ecg.signal.delineation;

/**
 * ST-elevation limits for the STEMI-suspect flag, after the Fourth Universal Definition of Myocardial
 * Infarction (Thygesen et al., 2018): new ST elevation in two contiguous leads of at least 1 mm (100 µV)
 * in all leads other than V2–V3; in V2–V3 at least 2 mm in men aged 40 or more, 2.5 mm in men under 40,
 * 1.5 mm in women. Configurable per county.
 *
 * @param elevationMicrovolts       leads other than V2–V3
 * @param v2v3MenFortyOrOlderMicrovolts V2–V3, men ≥ 40
 * @param v2v3MenUnderFortyMicrovolts   V2–V3, men < 40
 * @param v2v3WomenMicrovolts       V2–V3, women
 * @param v2v3UnknownMicrovolts     V2–V3 when sex or age is unknown (default: the lowest, to favour sensitivity)
 * @param reciprocalDepressionMicrovolts depression in the opposite territory that supports the finding
 * @param measurementPointMs        where after the J point ST is compared with the limits (60 ms)
 * @param wideQrsMs                 QRS at least this wide makes ST criteria unreliable (bundle-branch block)
 */
public record StThresholds(double elevationMicrovolts, double v2v3MenFortyOrOlderMicrovolts,
        double v2v3MenUnderFortyMicrovolts, double v2v3WomenMicrovolts, double v2v3UnknownMicrovolts,
        double reciprocalDepressionMicrovolts, double measurementPointMs, double wideQrsMs) {

    public StThresholds {
        if (!(elevationMicrovolts > 0 && v2v3MenFortyOrOlderMicrovolts > 0 && v2v3MenUnderFortyMicrovolts > 0
                && v2v3WomenMicrovolts > 0 && v2v3UnknownMicrovolts > 0 && reciprocalDepressionMicrovolts > 0)) {
            throw new IllegalArgumentException("ST limits must be positive");
        }
        if (measurementPointMs != 0 && measurementPointMs != 60 && measurementPointMs != 80) {
            throw new IllegalArgumentException("ST is measured at J, J+60 or J+80 ms");
        }
    }

    public static StThresholds defaults() {
        return new StThresholds(100, 200, 250, 150, 150, 50, 60, 120);
    }
}
