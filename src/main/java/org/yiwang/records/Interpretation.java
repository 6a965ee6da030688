package org.yiwang.records;

import java.util.Optional;

/** How a result compares with its reference range (HL7 v3 ObservationInterpretation codes). */
public enum Interpretation {
    NORMAL("N"), LOW("L"), HIGH("H"), CRITICAL_LOW("LL"), CRITICAL_HIGH("HH"), ABNORMAL("A"), CRITICAL("AA");

    private final String code;

    Interpretation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Outside the reference range. */
    public boolean abnormal() {
        return this != NORMAL;
    }

    /** A critical value (危急值): the result must reach a clinician at once. */
    public boolean critical() {
        return this == CRITICAL_LOW || this == CRITICAL_HIGH || this == CRITICAL;
    }

    public static Optional<Interpretation> fromCode(String code) {
        for (Interpretation i : values()) {
            if (i.code.equalsIgnoreCase(code)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
