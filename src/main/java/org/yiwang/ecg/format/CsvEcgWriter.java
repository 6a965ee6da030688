package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * Writes CSV that {@link CsvEcgReader} reads back identically: {@code # samplingRateHz=}, {@code # units=uV},
 * {@code # acquiredAt=} (ISO with the offset of the zone) comments, a header of lead names, one row of integer
 * microvolts per sample.
 */
public final class CsvEcgWriter {

    private CsvEcgWriter() {
    }

    public static byte[] write(EcgRecording recording, Optional<Instant> acquiredAt, ZoneId zone) {
        for (String lead : recording.leadNames()) {
            if (lead.indexOf(',') >= 0 || lead.indexOf(';') >= 0 || lead.indexOf('\t') >= 0 || lead.startsWith("#")
                    || lead.isBlank()) {
                throw new IllegalArgumentException("lead name '" + lead + "' cannot be a CSV column name");
            }
        }
        int leads = recording.leadCount();
        int n = recording.sampleCount();
        StringBuilder out = new StringBuilder(128 + n * leads * 6);
        double rate = recording.samplingRateHz();
        out.append("# samplingRateHz=").append(rate == Math.rint(rate) ? Long.toString((long) rate)
                : Double.toString(rate)).append('\n');
        out.append("# units=uV\n");
        acquiredAt.ifPresent(t -> out.append("# acquiredAt=").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                t.atZone(zone).toOffsetDateTime())).append('\n'));
        out.append(String.join(",", recording.leadNames())).append('\n');
        for (int i = 0; i < n; i++) {
            for (int lead = 0; lead < leads; lead++) {
                if (lead > 0) {
                    out.append(',');
                }
                out.append(recording.sampleMicrovolts(lead, i));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
