package org.yiwang.ecg.signal.analysis;

/**
 * One pre-analysis finding.
 *
 * @param confidence 0..1
 * @param critical   a critical value (危急值): the ECG goes to the top of the reading worklist
 * @param detail     measured values behind it, e.g. "leads II, III, aVF; reciprocal I, aVL"
 */
public record Finding(FindingCode code, double confidence, boolean critical, String detail) {

    public Finding {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1");
        }
        confidence = Math.round(confidence * 100) / 100.0;
    }
}
