package org.yiwang.ecg.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yiwang.ecg.signal.LeadNames;

/**
 * ISO/IEEE 11073-10101 (MDC) lead codes: the HL7 aECG reference ids {@code MDC_ECG_LEAD_*} and the numeric
 * context-free codes of the electric potential per lead used in FHIR ({@code MDC_ECG_ELEC_POTL_*}: partition 2,
 * 2 × 65536 + term code, e.g. lead I = 2:257 = 131329, lead III = 2:317 = 131389).
 */
final class MdcLeads {

    /** Code system of MDC codes in HL7 v3 and FHIR. */
    static final String SYSTEM_OID = "2.16.840.1.113883.6.24";
    static final String FHIR_SYSTEM = "urn:oid:" + SYSTEM_OID;
    /** The same nomenclature under its ISO URN, also met in FHIR resources. */
    static final String FHIR_SYSTEM_ISO = "urn:iso:std:iso:11073:10101";
    /** MDC_ECG_ELEC_POTL: ECG potential, lead not specified. */
    static final String UNSPECIFIED_LEAD_CODE = "131328";

    /** aECG lead reference ids (without the {@code MDC_ECG_LEAD_} prefix) → lead name. */
    private static final Map<String, String> AECG = new LinkedHashMap<>();
    /** FHIR numeric code → lead name (the 12 standard leads). */
    private static final Map<String, String> FHIR = new LinkedHashMap<>();

    static {
        for (String lead : LeadNames.STANDARD_12) {
            AECG.put(lead.toUpperCase(Locale.ROOT), lead);
        }
        for (String extra : List.of("V7", "V8", "V9", "V2R", "V3R", "V4R", "V5R", "V6R", "V7R", "X", "Y", "Z",
                "CC5", "CM5", "ES", "AS", "AI")) {
            AECG.putIfAbsent(extra, extra);
        }
        // MDC_ECG_ELEC_POTL_I = 257, _II = 258, _V1.._V6 = 259..264, _III = 317, _AVR = 318, _AVL = 319, _AVF = 320
        String[] names = {"I", "II", "V1", "V2", "V3", "V4", "V5", "V6"};
        for (int i = 0; i < names.length; i++) {
            FHIR.put(Integer.toString(131072 + 257 + i), names[i]);
        }
        FHIR.put("131389", "III");
        FHIR.put("131390", "aVR");
        FHIR.put("131391", "aVL");
        FHIR.put("131392", "aVF");
    }

    private MdcLeads() {
    }

    /** {@code MDC_ECG_LEAD_AVR} → {@code aVR}; empty for codes this reader does not know. */
    static Optional<String> fromAecgCode(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (!c.startsWith("MDC_ECG_LEAD_")) {
            return Optional.empty();
        }
        return Optional.ofNullable(AECG.get(c.substring("MDC_ECG_LEAD_".length())));
    }

    /** {@code aVR} → {@code MDC_ECG_LEAD_AVR}, for the leads aECG has a code for. */
    static Optional<String> toAecgCode(String leadName) {
        String key = LeadNames.canonical(leadName).toUpperCase(Locale.ROOT);
        return AECG.containsKey(key) ? Optional.of("MDC_ECG_LEAD_" + key) : Optional.empty();
    }

    static Optional<String> fromFhirCode(String code) {
        return Optional.ofNullable(FHIR.get(code.strip()));
    }

    static Optional<String> toFhirCode(String leadName) {
        String canonical = LeadNames.canonical(leadName);
        return FHIR.entrySet().stream().filter(e -> e.getValue().equals(canonical)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** {@code MDC_ECG_ELEC_POTL_AVR} for a lead with a FHIR code. */
    static String fhirDisplay(String leadName) {
        return "MDC_ECG_ELEC_POTL_" + LeadNames.canonical(leadName).toUpperCase(Locale.ROOT);
    }

    static boolean isMdcSystem(String system) {
        return FHIR_SYSTEM.equals(system) || FHIR_SYSTEM_ISO.equals(system) || SYSTEM_OID.equals(system);
    }
}
