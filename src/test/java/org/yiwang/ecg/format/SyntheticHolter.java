package org.yiwang.ecg.format;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A long WFDB record in format 212 made up in code, of any length without holding it: every sample is a formula of
 * its lead and time (a 1 Hz spike on a slow ramp, distinct per lead), so the .dat can be streamed, its header's
 * checksums computed, and any stored window compared with {@link #digital}. Gain 200 adu/mV, baseline 0.
 */
public record SyntheticHolter(String name, int leads, int samplingRateHz, long samplesPerLead) {

    public static final double GAIN_ADU_PER_MV = 200;

    public static SyntheticHolter of(String name, int leads, int samplingRateHz, double hours) {
        return new SyntheticHolter(name, leads, samplingRateHz, Math.round(hours * 3600 * samplingRateHz));
    }

    /** The digital value of {@code lead} at sample {@code i}, within format 212's range. */
    public int digital(int lead, long i) {
        int phase = (int) (i % samplingRateHz);
        int spike = phase < samplingRateHz / 50 ? 300 - lead * 10 : 0;
        int ramp = (int) ((i / 7 + lead * 97) % 400) - 200;
        return spike + ramp + lead;
    }

    /** Microvolts as the readers give them: digital / gain × 1000, rounded. */
    public int microvolts(int lead, long i) {
        return (int) Math.round(digital(lead, i) * 1000 / GAIN_ADU_PER_MV);
    }

    public long datBytes() {
        long total = samplesPerLead * leads;
        return (total / 2) * 3 + (total % 2) * 2;
    }

    public String datName() {
        return name + ".dat";
    }

    /** The header, with each signal's initial value and 16-bit checksum (one pass over the formula). */
    public byte[] header() {
        int[] sums = new int[leads];
        for (long i = 0; i < samplesPerLead; i++) {
            for (int lead = 0; lead < leads; lead++) {
                sums[lead] += digital(lead, i);
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s %d %d %d 08:00:00 01/11/2026%n", name, leads, samplingRateHz,
                samplesPerLead));
        List<String> names = leadNames();
        for (int lead = 0; lead < leads; lead++) {
            text.append(String.format(Locale.ROOT, "%s 212 %d(0)/mV 12 0 %d %d 0 %s%n", datName(),
                    (int) GAIN_ADU_PER_MV, digital(lead, 0), (short) sums[lead], names.get(lead)));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public List<String> leadNames() {
        List<String> standard = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6");
        List<String> names = new ArrayList<>();
        for (int lead = 0; lead < leads; lead++) {
            names.add(lead < standard.size() ? standard.get(lead) : "X" + lead);
        }
        return names;
    }

    /** The .dat as a stream, generated as it is read. */
    public InputStream dat() {
        return new InputStream() {
            private final long total = samplesPerLead * leads;
            private long k; // next sample (frame-interleaved)
            private final byte[] pending = new byte[3];
            private int pendingAt = 3;
            private int pendingLength = 3;

            private boolean fill() {
                if (pendingAt < pendingLength) {
                    return true;
                }
                if (k >= total) {
                    return false;
                }
                int v0 = value(k++) & 0xFFF;
                int v1 = k < total ? value(k++) & 0xFFF : 0;
                pending[0] = (byte) v0;
                pending[1] = (byte) ((v0 >> 8) & 0x0F | (v1 >> 4) & 0xF0);
                pending[2] = (byte) v1;
                pendingLength = k == total && (total % 2 == 1) ? 2 : 3;
                pendingAt = 0;
                return true;
            }

            private int value(long sample) {
                return digital((int) (sample % leads), sample / leads);
            }

            @Override
            public int read() {
                return fill() ? pending[pendingAt++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len && fill()) {
                    int c = Math.min(len - n, pendingLength - pendingAt);
                    System.arraycopy(pending, pendingAt, b, off + n, c);
                    pendingAt += c;
                    n += c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
    }
}
