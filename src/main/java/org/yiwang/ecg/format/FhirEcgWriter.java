package org.yiwang.ecg.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.yiwang.ecg.signal.EcgRecording;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a FHIR R4 Observation that {@link FhirEcgReader} reads back identically: code MDC_ECG_ELEC_POTL (131328),
 * one component per lead coded with its MDC code, {@code valueSampledData} in microvolts (origin 0 uV, factor 1,
 * period in ms, dimensions 1, integer data), {@code effectiveDateTime} with the offset of the zone.
 */
public final class FhirEcgWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FhirEcgWriter() {
    }

    /** Every lead needs an MDC code (the 12 standard leads). */
    public static byte[] write(EcgRecording recording, Optional<Instant> acquiredAt, ZoneId zone) {
        ObjectNode observation = JSON.createObjectNode();
        observation.put("resourceType", "Observation");
        observation.put("status", "final");
        observation.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", "procedure");
        observation.putObject("code").putArray("coding").addObject().put("system", MdcLeads.FHIR_SYSTEM)
                .put("code", MdcLeads.UNSPECIFIED_LEAD_CODE).put("display", "MDC_ECG_ELEC_POTL");
        acquiredAt.ifPresent(t -> observation.put("effectiveDateTime",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime())));
        ArrayNode components = observation.putArray("component");
        String period = SampleRates.interval(recording.samplingRateHz(), 1e-3);
        int n = recording.sampleCount();
        for (int lead = 0; lead < recording.leadCount(); lead++) {
            String name = recording.leadName(lead);
            String code = MdcLeads.toFhirCode(name).orElseThrow(() -> new IllegalArgumentException("lead " + name
                    + " has no MDC code for FHIR"));
            ObjectNode component = components.addObject();
            component.putObject("code").putArray("coding").addObject().put("system", MdcLeads.FHIR_SYSTEM)
                    .put("code", code).put("display", MdcLeads.fhirDisplay(name));
            ObjectNode sampled = component.putObject("valueSampledData");
            sampled.putObject("origin").put("value", 0).put("unit", "uV").put("system", "http://unitsofmeasure.org")
                    .put("code", "uV");
            sampled.put("period", new java.math.BigDecimal(period));
            sampled.put("factor", 1);
            sampled.put("dimensions", 1);
            StringBuilder data = new StringBuilder(n * 5);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    data.append(' ');
                }
                data.append(recording.sampleMicrovolts(lead, i));
            }
            sampled.put("data", data.toString());
        }
        return JSON.writeValueAsBytes(observation);
    }
}
