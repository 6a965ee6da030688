package org.yiwang.ecg.format;

/**
 * Why an ECG upload cannot be read: a stable code for the web layer and device gateways (message key
 * {@code ecg.format.problem.<CODE>}), whose placeholders {@code {0}, {1}, …} take
 * {@link EcgFormatException#arguments()} in the order documented here.
 */
public enum EcgFormatProblem {
    /** {0} file names. No file, or nothing recognisable as WFDB, HL7 aECG, FHIR or CSV. */
    UNRECOGNISED_FORMAT,
    /** {0} file names. Files that do not belong to the one recording (a second header, a stray file). */
    UNEXPECTED_FILES,
    /** {0} total bytes, {1} limit. */
    TOO_LARGE,
    /** {0} file, {1} leads, {2} limit. */
    TOO_MANY_LEADS,
    /** {0} file, {1} samples per lead, {2} limit. */
    TOO_MANY_SAMPLES,
    /** {0} file. The recording holds no sample at all. */
    NO_SAMPLES,
    /** {0} signal file names. WFDB signal files without their {@code .hea}. */
    MISSING_HEADER,
    /** {0} header file, {1} missing signal file. */
    MISSING_SIGNAL_FILE,
    /** {0} header file, {1} line, {2} declared format. Only formats 212 and 16 are read. */
    UNSUPPORTED_WFDB_FORMAT,
    /** {0} header file, {1} English detail (line and field). */
    BAD_WFDB_HEADER,
    /** {0} signal file, {1} bytes needed, {2} bytes present. */
    TRUNCATED_SIGNAL,
    /** {0} header file, {1} signal, {2} checksum of the samples, {3} declared checksum. */
    CHECKSUM_MISMATCH,
    /** {0} header file, {1} signal, {2} first sample, {3} declared initial value. */
    INITIAL_VALUE_MISMATCH,
    /** {0} annotation file, {1} English detail. */
    BAD_ANNOTATIONS,
    /** {0} file, {1} line, {2} English detail of the XML error. */
    NOT_XML,
    /** {0} file. A DOCTYPE (DTD, entities) in the XML: refused, never resolved. */
    XML_DOCTYPE_FORBIDDEN,
    /** {0} file, {1} root element found. */
    NOT_AECG,
    /** {0} file. An aECG without a series/sequenceSet holding lead sequences. */
    NO_WAVEFORMS,
    /** {0} file. No sampling interval (aECG time sequence increment, FHIR period, CSV rate or time column). */
    NO_SAMPLING_RATE,
    /** {0} file, {1} lead code. */
    UNKNOWN_LEAD_CODE,
    /** {0} file, {1} lead. The same lead twice. */
    DUPLICATE_LEAD,
    /** {0} file, {1} lead, {2} English detail. */
    BAD_SAMPLED_DATA,
    /** {0} file, {1} lead, {2} sample number (1-based). FHIR SampledData "E" (no valid value) is refused. */
    SAMPLED_DATA_ERROR_VALUE,
    /** {0} file, {1} unit. */
    UNSUPPORTED_UNIT,
    /** {0} file, {1} value. */
    BAD_TIMESTAMP,
    /** {0} file, {1} English detail. */
    NOT_JSON,
    /** {0} file, {1} English detail (resource type, missing SampledData). */
    NOT_FHIR_ECG,
    /** {0} file, {1} lead, {2} samples, {3} first lead, {4} its samples. */
    LEADS_DIFFER_IN_LENGTH,
    /** {0} file. Text that is not UTF-8. */
    NOT_UTF8,
    /** {0} file, {1} line, {2} English detail. */
    CSV_BAD_HEADER,
    /** {0} file, {1} line, {2} column, {3} value. */
    CSV_BAD_NUMBER,
    /** {0} file, {1} line, {2} fields found, {3} fields expected. */
    CSV_RAGGED_ROW,
    /** {0} file, {1} line. The time column is not evenly spaced. */
    CSV_UNEVEN_TIME
}
