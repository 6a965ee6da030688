package org.yiwang.records;

import java.util.Objects;

/**
 * A code from a code system, with the name shown to people.
 *
 * @param system  the code system's URI ({@link #ICD10}, {@link #LOINC}, …) or a local {@code urn:} of the sender
 * @param code    the code as the system writes it
 * @param display the name in Chinese (what the record shows)
 */
public record Coding(String system, String code, String display) {

    /** ICD-10 (national clinical version codes are kept as sent; the county list names the common ones). */
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String LOINC = "http://loinc.org";
    /** ICD-9-CM-3 procedure codes (national clinical version). */
    public static final String ICD9CM3 = "urn:oid:2.16.156.10011.2.3.3.12";
    /** Vaccine codes of the national immunization programme (WS/T 364 CV value domain as used by the county). */
    public static final String VACCINE = "urn:oid:2.16.156.10011.2.3.3.29";
    /** WHO ATC classification of medicines (the national drug code maps to it; sensitive-drug rules use ATC groups). */
    public static final String ATC = "http://www.whocc.no/atc";
    /** The platform's own codes (encounter types, document types, allergens without a standard code). */
    public static final String LOCAL = "urn:yiwang:code";

    public Coding {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(display, "display");
    }
}
