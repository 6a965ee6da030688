package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * Writes a minimal HL7 aECG document that {@link AecgReader} reads back identically: one rhythm series, one
 * sequenceSet with a time sequence ({@code TIME_ABSOLUTE}/{@code GLIST_TS} when the acquisition time is known, else
 * {@code TIME_RELATIVE}/{@code GLIST_PQ}) and one {@code SLIST_PQ} per lead in microvolts (origin 0 uV, scale 1 uV),
 * so it is lossless. The clinical-trial context ({@code componentOf}) that FDA submissions require is left out: the
 * document describes one ECG, not a trial.
 */
public final class AecgWriter {

    private AecgWriter() {
    }

    /** Every lead needs an MDC_ECG_LEAD_ code (the 12 standard leads, V7–V9, right-sided, X/Y/Z, EASI). */
    public static byte[] write(EcgRecording recording, Optional<Instant> acquiredAt, ZoneId zone) {
        String[] codes = new String[recording.leadCount()];
        for (int lead = 0; lead < codes.length; lead++) {
            String name = recording.leadName(lead);
            codes[lead] = MdcLeads.toAecgCode(name).orElseThrow(() -> new IllegalArgumentException("lead " + name
                    + " has no MDC_ECG_LEAD_ code"));
        }
        int n = recording.sampleCount();
        StringBuilder x = new StringBuilder(64 + recording.leadCount() * (n * 6 + 400));
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<AnnotatedECG xmlns=\"").append(AecgReader.HL7_NAMESPACE)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        String id = UUID.nameUUIDFromBytes((recording + acquiredAt.toString()).getBytes(StandardCharsets.UTF_8))
                .toString();
        x.append("  <id root=\"").append(id).append("\"/>\n");
        x.append("  <code code=\"93000\" codeSystem=\"2.16.840.1.113883.6.12\" codeSystemName=\"CPT-4\"/>\n");
        String interval = SampleRates.interval(recording.samplingRateHz(), 1);
        if (acquiredAt.isPresent()) {
            Instant end = acquiredAt.get().plusNanos(Math.round(recording.durationSeconds() * 1e9));
            x.append("  <effectiveTime>\n    <low value=\"").append(Timestamps.formatHl7(acquiredAt.get(), zone))
                    .append("\" inclusive=\"true\"/>\n    <high value=\"").append(Timestamps.formatHl7(end, zone))
                    .append("\" inclusive=\"false\"/>\n  </effectiveTime>\n");
        }
        x.append("  <component>\n    <series>\n");
        x.append("      <code code=\"RHYTHM\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n");
        x.append("      <component>\n        <sequenceSet>\n");
        x.append("          <component>\n            <sequence>\n");
        if (acquiredAt.isPresent()) {
            x.append("              <code code=\"TIME_ABSOLUTE\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n");
            x.append("              <value xsi:type=\"GLIST_TS\">\n                <head value=\"")
                    .append(Timestamps.formatHl7(acquiredAt.get(), zone)).append("\"/>\n");
        } else {
            x.append("              <code code=\"TIME_RELATIVE\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n");
            x.append("              <value xsi:type=\"GLIST_PQ\">\n                <head value=\"0\" unit=\"s\"/>\n");
        }
        x.append("                <increment value=\"").append(interval).append("\" unit=\"s\"/>\n");
        x.append("              </value>\n            </sequence>\n          </component>\n");
        for (int lead = 0; lead < codes.length; lead++) {
            x.append("          <component>\n            <sequence>\n");
            x.append("              <code code=\"").append(codes[lead]).append("\" codeSystem=\"")
                    .append(MdcLeads.SYSTEM_OID).append("\" codeSystemName=\"MDC\"/>\n");
            x.append("              <value xsi:type=\"SLIST_PQ\">\n");
            x.append("                <origin value=\"0\" unit=\"uV\"/>\n");
            x.append("                <scale value=\"1\" unit=\"uV\"/>\n");
            x.append("                <digits>");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    x.append(' ');
                }
                x.append(recording.sampleMicrovolts(lead, i));
            }
            x.append("</digits>\n              </value>\n            </sequence>\n          </component>\n");
        }
        x.append("        </sequenceSet>\n      </component>\n    </series>\n  </component>\n</AnnotatedECG>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
