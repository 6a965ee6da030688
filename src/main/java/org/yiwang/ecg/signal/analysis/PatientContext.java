package org.yiwang.ecg.signal.analysis;

import org.yiwang.ecg.signal.delineation.StemiCriteria;

/** What the ST criteria need to know about the patient; either may be unknown. */
public record PatientContext(StemiCriteria.Sex sex, Integer ageYears) {

    public PatientContext {
        sex = sex == null ? StemiCriteria.Sex.UNKNOWN : sex;
        if (ageYears != null && (ageYears < 0 || ageYears > 130)) {
            throw new IllegalArgumentException("age out of range: " + ageYears);
        }
    }

    public static PatientContext unknown() {
        return new PatientContext(StemiCriteria.Sex.UNKNOWN, null);
    }
}
