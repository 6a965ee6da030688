package org.yiwang.ecg.format;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yiwang.ecg.signal.EcgRecording;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a FHIR R4 Observation (JSON) whose {@code component[]} carry one lead each in {@code valueSampledData}
 * (lead from the component code: MDC, system {@code urn:oid:2.16.840.1.113883.6.24}, e.g. 131329 lead I), or a
 * single {@code valueSampledData} on the Observation itself ({@code dimensions} leads interleaved, named by an MDC
 * lead code of the Observation or {@code ECG}, {@code ECG1}, …), or a Bundle holding exactly one such Observation.
 *
 * <p>Sample value = {@code origin + factor × data} in the unit of {@code origin} (uV, mV or V; uV if none is given);
 * sampling interval {@code period} in ms (or the R5 {@code interval} in {@code intervalUnit}). Data points
 * {@code L} and {@code U} (beyond the detection limit) become
 * {@code lowerLimit} and {@code upperLimit}, as an ADC clips; {@code E} (no valid value) is refused
 * ({@link EcgFormatProblem#SAMPLED_DATA_ERROR_VALUE}): the recording has no per-sample validity mask and inventing a
 * value would not be lossless. Acquisition time: {@code effectiveDateTime}, {@code effectiveInstant} or
 * {@code effectivePeriod.start}.
 */
public final class FhirEcgReader {

    private FhirEcgReader() {
    }

    /**
     * Jackson's default limit on a string (20 M characters) would refuse a long lead's {@code data}; the upload's
     * size is already bounded by {@link EcgFileLimits#maxTotalBytes()} before parsing.
     */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE - 8).build())
            .build()).build();

    public static DecodedEcg read(EcgFile file, EcgFileLimits limits, ZoneId zone) throws EcgFormatException {
        String name = file.name();
        JsonNode root;
        try {
            root = JSON.readTree(file.content());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String detail = e.getOriginalMessage() + where;
            throw new EcgFormatException(EcgFormatProblem.NOT_JSON, name + ": " + detail, name, detail);
        }
        if (root == null || !root.isObject()) {
            throw notEcg(name, "the document is not a JSON object");
        }
        JsonNode observation = observation(root, name);
        List<String> leadNames = new ArrayList<>();
        List<JsonNode> sampled = new ArrayList<>();
        for (JsonNode component : observation.path("component").values()) {
            JsonNode data = component.get("valueSampledData");
            if (data != null) {
                leadNames.add(componentLead(component.path("code"), name));
                sampled.add(data);
            }
        }
        int[][] samples;
        double periodMs;
        if (!sampled.isEmpty()) {
            if (observation.has("valueSampledData")) {
                throw notEcg(name, "both the Observation and its components carry valueSampledData");
            }
            limits.checkLeads(name, sampled.size());
            for (int i = 0; i < leadNames.size(); i++) {
                if (leadNames.indexOf(leadNames.get(i)) != i) {
                    throw new EcgFormatException(EcgFormatProblem.DUPLICATE_LEAD, name + ": lead " + leadNames.get(i)
                            + " appears twice", name, leadNames.get(i));
                }
            }
            samples = new int[sampled.size()][];
            periodMs = Double.NaN;
            long used = 0;
            for (int i = 0; i < sampled.size(); i++) {
                SampledData data = SampledData.of(sampled.get(i), name, leadNames.get(i));
                if (data.dimensions != 1) {
                    throw data.bad("dimensions is " + data.dimensions + "; a component holds one lead (1)");
                }
                if (i == 0) {
                    periodMs = data.periodMs;
                } else if (data.periodMs != periodMs) {
                    throw data.bad("period " + data.periodMs + " ms differs from lead " + leadNames.get(0) + " ("
                            + periodMs + " ms)");
                }
                int[][] one = data.decode(limits, sampled.size(), used);
                samples[i] = one[0];
                used += samples[i].length;
                if (samples[i].length != samples[0].length) {
                    throw new EcgFormatException(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH, name + ": lead "
                            + leadNames.get(i) + " has " + samples[i].length + " samples, lead " + leadNames.get(0)
                            + " has " + samples[0].length, name, leadNames.get(i), samples[i].length, leadNames.get(0),
                            samples[0].length);
                }
            }
        } else if (observation.has("valueSampledData")) {
            String lead = observationLead(observation.path("code"));
            SampledData data = SampledData.of(observation.get("valueSampledData"), name, lead);
            limits.checkLeads(name, data.dimensions);
            samples = data.decode(limits, data.dimensions, 0);
            periodMs = data.periodMs;
            for (int d = 0; d < data.dimensions; d++) {
                leadNames.add(data.dimensions == 1 ? lead : lead + (d + 1));
            }
        } else {
            throw notEcg(name, "the Observation has no valueSampledData, neither itself nor in a component");
        }
        if (samples[0].length == 0) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, name + ": the SampledData hold no data", name);
        }
        EcgRecording recording = EcgRecording.of(SampleRates.fromInterval(periodMs / 1000), leadNames, samples);
        return new DecodedEcg(EcgSourceFormat.FHIR_SAMPLED_DATA, recording, effective(observation, name, zone),
                hint(observation), List.of(), List.of(name));
    }

    private static JsonNode observation(JsonNode root, String name) throws EcgFormatException {
        String type = text(root.get("resourceType"));
        if ("Observation".equals(type)) {
            return root;
        }
        if ("Bundle".equals(type)) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode entry : root.path("entry").values()) {
                JsonNode resource = entry.path("resource");
                if ("Observation".equals(text(resource.get("resourceType"))) && holdsSampledData(resource)) {
                    found.add(resource);
                }
            }
            if (found.size() != 1) {
                throw notEcg(name, "the Bundle holds " + found.size()
                        + " Observations with SampledData; exactly one is expected");
            }
            return found.get(0);
        }
        throw notEcg(name, "resourceType is " + (type == null ? "missing" : type) + ", not Observation or Bundle");
    }

    private static boolean holdsSampledData(JsonNode observation) {
        if (observation.has("valueSampledData")) {
            return true;
        }
        for (JsonNode component : observation.path("component").values()) {
            if (component.has("valueSampledData")) {
                return true;
            }
        }
        return false;
    }

    private static String componentLead(JsonNode code, String name) throws EcgFormatException {
        String first = null;
        for (JsonNode coding : code.path("coding").values()) {
            String system = text(coding.get("system"));
            String value = text(coding.get("code"));
            if (value == null) {
                continue;
            }
            if (MdcLeads.isMdcSystem(system)) {
                Optional<String> lead = MdcLeads.fromFhirCode(value);
                if (lead.isPresent()) {
                    return lead.get();
                }
            }
            if (first == null) {
                first = (system == null ? "" : system + "|") + value;
            }
        }
        String shown = first != null ? first : Optional.ofNullable(text(code.get("text"))).orElse("(no code)");
        throw new EcgFormatException(EcgFormatProblem.UNKNOWN_LEAD_CODE, name + ": component code " + shown
                + " is not an MDC lead code (system " + MdcLeads.FHIR_SYSTEM + ", e.g. 131329 for lead I)", name,
                shown);
    }

    private static String observationLead(JsonNode code) {
        for (JsonNode coding : code.path("coding").values()) {
            String value = text(coding.get("code"));
            if (value != null && MdcLeads.isMdcSystem(text(coding.get("system")))) {
                Optional<String> lead = MdcLeads.fromFhirCode(value);
                if (lead.isPresent()) {
                    return lead.get();
                }
            }
        }
        return "ECG";
    }

    private static Optional<Instant> effective(JsonNode observation, String name, ZoneId zone)
            throws EcgFormatException {
        String value = text(observation.get("effectiveDateTime"));
        if (value == null) {
            value = text(observation.get("effectiveInstant"));
        }
        if (value == null) {
            value = text(observation.path("effectivePeriod").get("start"));
        }
        return value == null ? Optional.empty() : Optional.of(Timestamps.parseFhir(value, name, zone));
    }

    private static Optional<String> hint(JsonNode observation) {
        List<String> hints = new ArrayList<>();
        reference(observation.path("device")).ifPresent(d -> hints.add("device " + d));
        reference(observation.path("subject")).ifPresent(s -> hints.add("subject " + s));
        return hints.isEmpty() ? Optional.empty() : Optional.of(EcgFiles.clip(String.join("; ", hints)));
    }

    private static Optional<String> reference(JsonNode reference) {
        String display = text(reference.get("display"));
        String ref = text(reference.get("reference"));
        if (display == null && ref == null) {
            String id = text(reference.path("identifier").get("value"));
            return Optional.ofNullable(id);
        }
        return Optional.of(display == null ? ref : ref == null ? display : display + " (" + ref + ")");
    }

    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static EcgFormatException notEcg(String name, String detail) {
        return new EcgFormatException(EcgFormatProblem.NOT_FHIR_ECG, name + ": " + detail, name, detail);
    }

    /** One SampledData element, checked. */
    private static final class SampledData {
        final String file;
        final String lead;
        final double origin;
        final double unitMicrovolts;
        final double factor;
        final double periodMs;
        final int dimensions;
        final Double lower;
        final Double upper;
        final String data;

        private SampledData(String file, String lead, double origin, double unitMicrovolts, double factor,
                double periodMs, int dimensions, Double lower, Double upper, String data) {
            this.file = file;
            this.lead = lead;
            this.origin = origin;
            this.unitMicrovolts = unitMicrovolts;
            this.factor = factor;
            this.periodMs = periodMs;
            this.dimensions = dimensions;
            this.lower = lower;
            this.upper = upper;
            this.data = data;
        }

        static SampledData of(JsonNode node, String file, String lead) throws EcgFormatException {
            JsonNode origin = node.path("origin");
            Double originValue = number(origin.get("value"), "origin.value", file, lead);
            if (originValue == null) {
                throw bad(file, lead, "origin.value is missing");
            }
            String unit = text(origin.get("code"));
            if (unit == null) {
                unit = text(origin.get("unit"));
            }
            double unitMicrovolts = switch (unit == null ? "uV" : unit.strip()) {
                case "uV", "µV", "microV" -> 1;
                case "mV" -> 1000;
                case "V" -> 1_000_000;
                default -> throw new EcgFormatException(EcgFormatProblem.UNSUPPORTED_UNIT, file + ": unit '" + unit
                        + "' of lead " + lead + " is not uV, mV or V", file, unit);
            };
            Double period = number(node.get("period"), "period", file, lead);
            if (period == null && node.has("interval")) {
                // FHIR R5: interval in intervalUnit (UCUM)
                Double interval = number(node.get("interval"), "interval", file, lead);
                String intervalUnit = text(node.get("intervalUnit"));
                double toMs = switch (intervalUnit == null ? "" : intervalUnit) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "us" -> 1e-3;
                    default -> throw new EcgFormatException(EcgFormatProblem.UNSUPPORTED_UNIT, file
                            + ": intervalUnit '" + intervalUnit + "' of lead " + lead + " is not ms, s or us", file,
                            String.valueOf(intervalUnit));
                };
                period = interval == null ? null : interval * toMs;
            }
            if (period == null) {
                throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, file + ": SampledData of lead "
                        + lead + " has no period", file);
            }
            if (!(period > 0) || Double.isInfinite(period)) {
                throw bad(file, lead, "period " + period + " ms is not positive");
            }
            Double factor = number(node.get("factor"), "factor", file, lead);
            Double dimensions = number(node.get("dimensions"), "dimensions", file, lead);
            if (dimensions == null || dimensions != Math.rint(dimensions) || dimensions < 1) {
                throw bad(file, lead, "dimensions must be a positive integer, is "
                        + (dimensions == null ? "missing" : dimensions));
            }
            String data = text(node.get("data"));
            if (data == null) {
                throw bad(file, lead, "data is missing or not a string");
            }
            return new SampledData(file, lead, originValue, unitMicrovolts, factor == null ? 1 : factor, period,
                    dimensions > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) (double) dimensions,
                    number(node.get("lowerLimit"), "lowerLimit", file, lead),
                    number(node.get("upperLimit"), "upperLimit", file, lead), data);
        }

        private static Double number(JsonNode node, String what, String file, String lead)
                throws EcgFormatException {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber()) {
                throw bad(file, lead, what + " is not a number");
            }
            return node.doubleValue();
        }

        EcgFormatException bad(String detail) {
            return bad(file, lead, detail);
        }

        private static EcgFormatException bad(String file, String lead, String detail) {
            return new EcgFormatException(EcgFormatProblem.BAD_SAMPLED_DATA, file + ": lead " + lead + ": " + detail,
                    file, lead, detail);
        }

        /** Counts the data points, checks them against the limits, then decodes them into microvolts. */
        int[][] decode(EcgFileLimits limits, int leadsInRecording, long samplesAlreadyRead)
                throws EcgFormatException {
            long count = 0;
            int n = data.length();
            boolean inToken = false;
            for (int i = 0; i < n; i++) {
                char c = data.charAt(i);
                boolean space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
                if (!space && !inToken) {
                    count++;
                }
                inToken = !space;
            }
            if (count % dimensions != 0) {
                throw bad(count + " data points are not a multiple of dimensions " + dimensions);
            }
            long perLead = count / dimensions;
            limits.checkSamples(file, leadsInRecording, perLead);
            if (samplesAlreadyRead + count > limits.maxTotalSamples()) {
                limits.checkSamples(file, leadsInRecording, (samplesAlreadyRead + count) / leadsInRecording + 1);
            }
            int[][] out = new int[dimensions][(int) perLead];
            long index = 0;
            int i = 0;
            while (i < n) {
                char c = data.charAt(i);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && data.charAt(i) != ' ' && data.charAt(i) != '\n' && data.charAt(i) != '\r'
                        && data.charAt(i) != '\t') {
                    i++;
                }
                double uv = Math.round(microvolts(start, i, index));
                if (!(Math.abs(uv) <= Integer.MAX_VALUE)) {
                    throw bad("data point " + (index + 1) + " is " + uv + " uV, out of range");
                }
                out[(int) (index % dimensions)][(int) (index / dimensions)] = (int) uv;
                index++;
            }
            return out;
        }

        /**
         * The value in microvolts of the token {@code data[start, end)}, data point {@code index} (0-based):
         * {@code origin × unit + (factor × unit) × data}, so that a factor of 0.001 mV is exactly 1 uV.
         */
        private double microvolts(int start, int end, long index) throws EcgFormatException {
            if (end - start == 1) {
                char c = data.charAt(start);
                if (c == 'E') {
                    String leadName = dimensions == 1 ? lead : lead + (index % dimensions + 1);
                    throw new EcgFormatException(EcgFormatProblem.SAMPLED_DATA_ERROR_VALUE, file + ": lead "
                            + leadName + ": data point " + (index / dimensions + 1) + " is E (no valid value)", file,
                            leadName, index / dimensions + 1);
                }
                if (c == 'L' || c == 'U') {
                    Double limit = c == 'L' ? lower : upper;
                    if (limit == null) {
                        throw bad("data point " + (index + 1) + " is " + c + " but "
                                + (c == 'L' ? "lowerLimit" : "upperLimit") + " is not given");
                    }
                    return limit * unitMicrovolts;
                }
            }
            long integer = 0;
            boolean negative = data.charAt(start) == '-';
            int p = negative || data.charAt(start) == '+' ? start + 1 : start;
            boolean simple = p < end && end - p <= 15;
            for (int k = p; k < end && simple; k++) {
                char c = data.charAt(k);
                if (c < '0' || c > '9') {
                    simple = false;
                } else {
                    integer = integer * 10 + (c - '0');
                }
            }
            double v;
            if (simple) {
                v = negative ? -integer : integer;
            } else {
                String token = data.substring(start, end);
                try {
                    v = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v) || token.endsWith("d") || token.endsWith("f") || token.endsWith("D")
                        || token.endsWith("F")) {
                    throw bad("data point " + (index + 1) + " '" + (token.length() > 30 ? token.substring(0, 30)
                            + "…" : token) + "' is not a decimal, E, L or U");
                }
            }
            return origin * unitMicrovolts + factor * unitMicrovolts * v;
        }
    }
}
