package org.yiwang.ecg.format;

/** The file formats accepted at intake. */
public enum EcgSourceFormat {
    /** PhysioNet WFDB: a {@code .hea} header, signal files in format 212 or 16, optional {@code .atr}. */
    WFDB,
    /** HL7 v3 Annotated ECG (FDA aECG) XML. */
    HL7_AECG,
    /** FHIR R4 Observation (or a Bundle holding one) with SampledData per lead. */
    FHIR_SAMPLED_DATA,
    /** Text with one column per lead. */
    CSV
}
