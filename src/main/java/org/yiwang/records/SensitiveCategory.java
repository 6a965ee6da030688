package org.yiwang.records;

import java.util.Optional;

/**
 * Diagnoses whose disclosure harms the resident more than most (domain-rules §9): derived from the ICD-10 code
 * alone, so that a condition's category never depends on what the recording clinician ticked. Used to restrict
 * access to such conditions.
 */
public enum SensitiveCategory {

    /** Chapter V, F00–F99: mental and behavioural disorders. */
    MENTAL_HEALTH,

    /** B20–B24 HIV disease, Z21 asymptomatic HIV infection, R75 inconclusive HIV test, Z20.6 HIV contact, Z71.7 HIV counselling. */
    HIV,

    /** Chapter XV O00–O99 (pregnancy, childbirth, abortion), N96–N97 and N46 (pregnancy loss, infertility), Z30–Z39 (contraception, procreation, pregnancy supervision, delivery). */
    REPRODUCTIVE;

    /**
     * The sensitive category of a diagnosis, if any.
     *
     * @param code an ICD-10 code in any form {@link IcdCodes#normalise} accepts
     * @throws IllegalArgumentException if {@code code} cannot be an ICD-10 code
     */
    public static Optional<SensitiveCategory> of(String code) {
        String canonical = IcdCodes.normalise(code)
                .orElseThrow(() -> new IllegalArgumentException("'" + code + "' is not an ICD-10 code"));
        char letter = canonical.charAt(0);
        int category = Integer.parseInt(canonical.substring(1, 3));
        String subcategory = canonical.length() > 4 ? canonical.substring(4) : "";
        if (letter == 'F') {
            return Optional.of(MENTAL_HEALTH);
        }
        if ((letter == 'B' && category >= 20 && category <= 24) || (letter == 'Z' && category == 21)
                || (letter == 'R' && category == 75) || (letter == 'Z' && category == 20 && subcategory.startsWith("6"))
                || (letter == 'Z' && category == 71 && subcategory.startsWith("7"))) {
            return Optional.of(HIV);
        }
        if (letter == 'O' || (letter == 'N' && (category == 96 || category == 97 || category == 46))
                || (letter == 'Z' && category >= 30 && category <= 39)) {
            return Optional.of(REPRODUCTIVE);
        }
        return Optional.empty();
    }
}
