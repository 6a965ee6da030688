package org.yiwang.ecg.format;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * Reads HL7 v3 Annotated ECG (FDA aECG) XML: the acquisition time from {@code AnnotatedECG/effectiveTime}, and the
 * first {@code component/series} with its first {@code sequenceSet}: one time sequence ({@code TIME_ABSOLUTE} with
 * {@code GLIST_TS} or {@code TIME_RELATIVE} with {@code GLIST_PQ}; the increment in s or ms gives the sampling rate)
 * and one {@code SLIST_PQ} sequence per lead coded {@code MDC_ECG_LEAD_*} ({@code origin} + {@code scale} ×
 * {@code digits}, units uV, mV or V). Derived series (median beats) and annotations are not read.
 *
 * <p>Parsing is a streaming StAX pass with DTDs and external entities disabled; a DOCTYPE is refused outright.
 */
public final class AecgReader {

    static final String HL7_NAMESPACE = "urn:hl7-org:v3";
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private AecgReader() {
    }

    public static DecodedEcg read(EcgFile file, EcgFileLimits limits, ZoneId zone) throws EcgFormatException {
        String name = file.name();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // SUPPORT_DTD=false and the DOCTYPE refusal below already keep external resources out
        }
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(new ByteArrayInputStream(file.content()));
            return new Parse(name, limits, zone, xml).run();
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String message = e.getMessage() == null ? "malformed" : e.getMessage().replaceFirst(
                    "(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            throw new EcgFormatException(EcgFormatProblem.NOT_XML, name + " line " + line + ": " + message, name,
                    line, message);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for an in-memory stream
                }
            }
        }
    }

    /** One lead sequence being read. */
    private static final class Lead {
        final String code;
        String name;
        BigDecimal originValue = BigDecimal.ZERO;
        String originUnit = "uV";
        BigDecimal scaleValue;
        String scaleUnit;
        IntDigits digits;

        Lead(String code) {
            this.code = code;
        }
    }

    private static final class Parse {
        private final String file;
        private final EcgFileLimits limits;
        private final ZoneId zone;
        private final XMLStreamReader xml;
        private final List<String> path = new ArrayList<>();
        private Instant acquired;
        private Instant timeHead;
        private String device;
        private String subject;
        private int seriesSeen;
        private int sequenceSetsSeen;
        private Double intervalSeconds;
        private boolean timeSequenceSeen;
        private final Map<String, Lead> leads = new LinkedHashMap<>();
        // the sequence being read: its code and, for a lead, the lead
        private String sequenceCode;
        private String valueType;
        private Lead lead;
        private boolean inDigits;
        private StringBuilder text;

        Parse(String file, EcgFileLimits limits, ZoneId zone, XMLStreamReader xml) {
            this.file = file;
            this.limits = limits;
            this.zone = zone;
            this.xml = xml;
        }

        DecodedEcg run() throws XMLStreamException, EcgFormatException {
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new EcgFormatException(
                            EcgFormatProblem.XML_DOCTYPE_FORBIDDEN, file + ": DOCTYPE declarations are refused",
                            file);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new EcgFormatException(
                            EcgFormatProblem.XML_DOCTYPE_FORBIDDEN, file + ": entity reference &"
                                    + xml.getLocalName() + "; refused", file);
                    case XMLStreamConstants.START_ELEMENT -> start();
                    case XMLStreamConstants.END_ELEMENT -> end();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> characters();
                    default -> {
                    }
                }
            }
            return result();
        }

        private String at() {
            return String.join("/", path);
        }

        private void start() throws EcgFormatException {
            String local = xml.getLocalName();
            if (path.isEmpty() && !(local.equals("AnnotatedECG") && HL7_NAMESPACE.equals(xml.getNamespaceURI()))) {
                String found = xml.getNamespaceURI() == null || xml.getNamespaceURI().isEmpty() ? local
                        : "{" + xml.getNamespaceURI() + "}" + local;
                throw new EcgFormatException(EcgFormatProblem.NOT_AECG, file + ": root element is " + found
                        + ", not AnnotatedECG in namespace " + HL7_NAMESPACE, file, found);
            }
            path.add(local);
            String p = at();
            switch (p) {
                case "AnnotatedECG/effectiveTime/low", "AnnotatedECG/effectiveTime/center" -> {
                    String value = xml.getAttributeValue(null, "value");
                    if (value != null && (acquired == null || local.equals("low"))) {
                        acquired = Timestamps.parseHl7(value, file, zone);
                    }
                }
                case "AnnotatedECG/component/series" -> seriesSeen++;
                case "AnnotatedECG/component/series/component/sequenceSet" -> {
                    if (seriesSeen == 1) {
                        sequenceSetsSeen++;
                    }
                }
                default -> {
                }
            }
            if (local.equals("manufacturerModelName") && device == null) {
                text = new StringBuilder();
            }
            if (local.equals("id") && p.endsWith("trialSubject/id") && subject == null) {
                subject = xml.getAttributeValue(null, "extension");
            }
            if (!inFirstSequenceSet()) {
                return;
            }
            String inSequence = p.substring("AnnotatedECG/component/series/component/sequenceSet/component/sequence"
                    .length());
            switch (inSequence) {
                case "" -> {
                    sequenceCode = null;
                    valueType = null;
                    lead = null;
                }
                case "/code" -> {
                    sequenceCode = attribute("code");
                    if (sequenceCode.startsWith("TIME_")) {
                        timeSequenceSeen = true;
                    } else {
                        String leadName = MdcLeads.fromAecgCode(sequenceCode).orElseThrow(
                                () -> new EcgFormatException(EcgFormatProblem.UNKNOWN_LEAD_CODE, file
                                        + ": lead code " + sequenceCode + " is not a known MDC_ECG_LEAD_ code", file,
                                        sequenceCode));
                        lead = new Lead(sequenceCode);
                        lead.name = leadName;
                        if (leads.values().stream().anyMatch(l -> l.name.equals(leadName))) {
                            throw new EcgFormatException(EcgFormatProblem.DUPLICATE_LEAD, file + ": lead "
                                    + leadName + " appears twice", file, leadName);
                        }
                        limits.checkLeads(file, leads.size() + 1);
                        leads.put(leadName, lead);
                    }
                }
                case "/value" -> valueType = stripPrefix(xml.getAttributeValue(XSI, "type"));
                case "/value/head" -> {
                    if (isTime() && "GLIST_TS".equals(valueType)) {
                        timeHead = Timestamps.parseHl7(attribute("value"), file, zone);
                    }
                }
                case "/value/increment" -> {
                    if (isTime()) {
                        intervalSeconds = seconds(attribute("value"), xml.getAttributeValue(null, "unit"));
                    }
                }
                case "/value/origin" -> {
                    if (lead != null) {
                        lead.originValue = decimal(attribute("value"), "origin");
                        lead.originUnit = unit(xml.getAttributeValue(null, "unit"));
                    }
                }
                case "/value/scale" -> {
                    if (lead != null) {
                        lead.scaleValue = decimal(attribute("value"), "scale");
                        lead.scaleUnit = unit(xml.getAttributeValue(null, "unit"));
                    }
                }
                case "/value/digits" -> {
                    if (lead != null) {
                        if (lead.digits != null) {
                            throw sampled("two digits elements");
                        }
                        long used = 0;
                        for (Lead other : leads.values()) {
                            used += other.digits == null ? 0 : other.digits.size();
                        }
                        lead.digits = new IntDigits(Math.min(limits.maxSamplesPerLead(),
                                limits.maxTotalSamples() - used));
                        inDigits = true;
                    }
                }
                default -> {
                }
            }
        }

        private boolean inFirstSequenceSet() {
            return seriesSeen == 1 && sequenceSetsSeen == 1 && path.size() >= 7
                    && at().startsWith("AnnotatedECG/component/series/component/sequenceSet/component/sequence");
        }

        private boolean isTime() {
            return sequenceCode != null && sequenceCode.startsWith("TIME_");
        }

        private void end() throws EcgFormatException {
            String local = path.get(path.size() - 1);
            if (local.equals("manufacturerModelName") && text != null) {
                device = text.toString().strip();
                text = null;
            }
            if (inDigits && local.equals("digits")) {
                inDigits = false;
                if (!lead.digits.finish()) {
                    throw digitsError();
                }
            }
            path.remove(path.size() - 1);
        }

        private void characters() throws EcgFormatException {
            if (inDigits) {
                if (!lead.digits.feed(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength())) {
                    throw digitsError();
                }
            } else if (text != null) {
                text.append(xml.getText());
            }
        }

        private EcgFormatException digitsError() {
            if (lead.digits.tooMany()) {
                return EcgFileLimits.tooManySamples(file, lead.name, lead.digits.limit(), limits);
            }
            return sampled("digits: " + lead.digits.error());
        }

        private EcgFormatException sampled(String detail) {
            String leadName = lead == null ? "?" : lead.name;
            return new EcgFormatException(EcgFormatProblem.BAD_SAMPLED_DATA, file + ": lead " + leadName + ": "
                    + detail, file, leadName, detail);
        }

        private String attribute(String name) throws EcgFormatException {
            String value = xml.getAttributeValue(null, name);
            if (value == null) {
                String where = at();
                throw new EcgFormatException(EcgFormatProblem.BAD_SAMPLED_DATA, file + ": " + where + " lacks @"
                        + name, file, lead == null ? "-" : lead.name, where + " lacks @" + name);
            }
            return value;
        }

        private BigDecimal decimal(String value, String what) throws EcgFormatException {
            try {
                return new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw sampled(what + " '" + value + "' is not a number");
            }
        }

        private String unit(String unit) throws EcgFormatException {
            String u = unit == null ? "1" : unit.strip();
            return switch (u) {
                case "uV", "mV", "V" -> u;
                default -> throw new EcgFormatException(EcgFormatProblem.UNSUPPORTED_UNIT, file + ": unit '" + u
                        + "' of lead " + (lead == null ? "?" : lead.name) + " is not uV, mV or V", file, u);
            };
        }

        private double seconds(String value, String unit) throws EcgFormatException {
            double v;
            try {
                v = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, file + ": time increment '" + value
                        + "' is not a number", file);
            }
            double factor = switch (unit == null ? "s" : unit.strip()) {
                case "s" -> 1;
                case "ms" -> 1e-3;
                case "us" -> 1e-6;
                default -> throw new EcgFormatException(EcgFormatProblem.UNSUPPORTED_UNIT, file + ": time unit '"
                        + unit + "' is not s or ms", file, unit);
            };
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, file + ": time increment " + value
                        + " is not positive", file);
            }
            return v * factor;
        }

        private static String stripPrefix(String type) {
            if (type == null) {
                return null;
            }
            int colon = type.indexOf(':');
            return colon < 0 ? type : type.substring(colon + 1);
        }

        private DecodedEcg result() throws EcgFormatException {
            if (leads.isEmpty()) {
                throw new EcgFormatException(EcgFormatProblem.NO_WAVEFORMS, file
                        + ": no series/sequenceSet with MDC_ECG_LEAD_ sequences", file);
            }
            if (intervalSeconds == null) {
                throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, file + ": "
                        + (timeSequenceSeen ? "the time sequence has no increment" : "no TIME_ABSOLUTE or "
                        + "TIME_RELATIVE sequence"), file);
            }
            List<String> names = new ArrayList<>();
            int[][] samples = new int[leads.size()][];
            Lead first = null;
            int index = 0;
            for (Lead l : leads.values()) {
                lead = l;
                if (l.digits == null) {
                    throw sampled("no digits");
                }
                if (l.scaleValue == null) {
                    throw sampled("no scale");
                }
                if (first == null) {
                    first = l;
                } else if (l.digits.size() != first.digits.size()) {
                    throw new EcgFormatException(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH, file + ": lead " + l.name
                            + " has " + l.digits.size() + " samples, lead " + first.name + " has "
                            + first.digits.size(), file, l.name, l.digits.size(), first.name, first.digits.size());
                }
                names.add(l.name);
                samples[index++] = microvolts(l);
            }
            limits.checkSamples(file, leads.size(), first.digits.size());
            if (first.digits.size() == 0) {
                throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, file + ": the leads hold no digits", file);
            }
            EcgRecording recording = EcgRecording.of(SampleRates.fromInterval(intervalSeconds), names, samples);
            List<String> hints = new ArrayList<>();
            if (device != null && !device.isEmpty()) {
                hints.add("device " + device);
            }
            if (subject != null && !subject.isBlank()) {
                hints.add("subject " + subject.strip());
            }
            Instant at = acquired != null ? acquired : timeHead;
            return new DecodedEcg(EcgSourceFormat.HL7_AECG, recording, Optional.ofNullable(at),
                    hints.isEmpty() ? Optional.empty() : Optional.of(EcgFiles.clip(String.join("; ", hints))),
                    List.of(), List.of(file));
        }

        private int[] microvolts(Lead l) throws EcgFormatException {
            BigDecimal origin = l.originValue.multiply(factor(l.originUnit));
            BigDecimal scale = l.scaleValue.multiply(factor(l.scaleUnit));
            int[] d = l.digits.toArray();
            int[] out = new int[d.length];
            boolean integral = origin.stripTrailingZeros().scale() <= 0 && scale.stripTrailingZeros().scale() <= 0
                    && origin.abs().compareTo(BigDecimal.valueOf(1L << 31)) < 0
                    && scale.abs().compareTo(BigDecimal.valueOf(1L << 31)) < 0;
            if (integral) {
                long o = origin.longValueExact();
                long s = scale.longValueExact();
                for (int i = 0; i < d.length; i++) {
                    out[i] = clamp(o + s * d[i], l, i);
                }
            } else {
                double o = origin.doubleValue();
                double s = scale.doubleValue();
                for (int i = 0; i < d.length; i++) {
                    out[i] = clamp(Math.round(o + s * d[i]), l, i);
                }
            }
            return out;
        }

        private int clamp(long microvolts, Lead l, int index) throws EcgFormatException {
            if (microvolts < Integer.MIN_VALUE || microvolts > Integer.MAX_VALUE) {
                lead = l;
                throw sampled("sample " + (index + 1) + " is " + microvolts + " uV, out of range");
            }
            return (int) microvolts;
        }

        private static BigDecimal factor(String unit) {
            return switch (unit) {
                case "mV" -> BigDecimal.valueOf(1000);
                case "V" -> BigDecimal.valueOf(1_000_000);
                default -> BigDecimal.ONE;
            };
        }
    }
}
