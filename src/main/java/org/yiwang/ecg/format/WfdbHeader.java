package org.yiwang.ecg.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-segment WFDB header ({@code .hea}): record line, one line per signal, comments.
 *
 * @param sampleCount samples per signal, or -1 if the header does not say (taken from the file length)
 * @param baseTime    base time and date of the record line ({@code hh:mm:ss dd/mm/yyyy}), local time, or null if
 *                    the header gives no date or a value that is not a valid time (not an error: WFDB tools ignore
 *                    it too for reading samples)
 */
public record WfdbHeader(String recordName, double samplingRateHz, long sampleCount, List<WfdbSignal> signals,
        List<String> comments, LocalDateTime baseTime) {

    public WfdbHeader {
        signals = List.copyOf(signals);
        comments = List.copyOf(comments);
    }

    /** A header without base time. */
    public WfdbHeader(String recordName, double samplingRateHz, long sampleCount, List<WfdbSignal> signals,
            List<String> comments) {
        this(recordName, samplingRateHz, sampleCount, signals, comments, null);
    }

    /** Parses header text; {@code source} names it in error messages. */
    public static WfdbHeader parse(String text, String source) throws WfdbFormatException {
        String[] lines = text.split("\r?\n", -1);
        List<String> comments = new ArrayList<>();
        String[] record = null;
        int recordLine = 0;
        List<WfdbSignal> signals = new ArrayList<>();
        int expectedSignals = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (record == null) {
                record = fields;
                recordLine = number;
                if (fields.length < 2) {
                    throw WfdbFormatException.header(source, " line " + number
                            + ": record line needs at least a name and the number of signals");
                }
                if (fields[0].contains("/")) {
                    throw WfdbFormatException.header(source, " line " + number
                            + ": multi-segment records are not supported (" + fields[0] + ")");
                }
                expectedSignals = parseInt(fields[1], source, number, "number of signals");
                if (expectedSignals < 1 || expectedSignals > 64) {
                    throw WfdbFormatException.header(source, " line " + number + ": number of signals "
                            + expectedSignals + " is outside 1..64");
                }
                continue;
            }
            if (signals.size() == expectedSignals) {
                throw WfdbFormatException.header(source, " line " + number + ": more signal lines than the "
                        + expectedSignals + " declared");
            }
            signals.add(parseSignal(fields, source, number));
        }
        if (record == null) {
            throw WfdbFormatException.header(source, ": no record line");
        }
        if (signals.size() != expectedSignals) {
            throw WfdbFormatException.header(source, ": " + expectedSignals + " signals declared on line "
                    + recordLine + " but " + signals.size() + " signal lines found");
        }
        double fs = 250;
        if (record.length > 2) {
            String frequency = record[2];
            int cut = indexOfAny(frequency, "/(");
            try {
                fs = Double.parseDouble(cut < 0 ? frequency : frequency.substring(0, cut));
            } catch (NumberFormatException e) {
                throw WfdbFormatException.header(source, " line " + recordLine + ": sampling frequency '" + frequency
                        + "' is not a number");
            }
            if (!(fs > 0) || Double.isInfinite(fs)) {
                throw WfdbFormatException.header(source, " line " + recordLine + ": sampling frequency " + fs
                        + " must be positive");
            }
        }
        long count = -1;
        if (record.length > 3) {
            try {
                count = Long.parseLong(record[3]);
            } catch (NumberFormatException e) {
                throw WfdbFormatException.header(source, " line " + recordLine + ": number of samples '" + record[3]
                        + "' is not an integer");
            }
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw WfdbFormatException.header(source, " line " + recordLine + ": number of samples " + count
                        + " is outside 0.." + Integer.MAX_VALUE);
            }
            if (count == 0) {
                count = -1;
            }
        }
        LocalDateTime base = record.length > 5 ? baseTime(record[4], record[5]) : null;
        return new WfdbHeader(record[0], fs, count, signals, comments, base);
    }

    /** {@code hh:mm:ss[.sss]} and {@code dd/mm/yyyy}, or null if either is malformed. */
    static LocalDateTime baseTime(String time, String date) {
        String[] t = time.split(":");
        String[] d = date.split("/");
        if (t.length != 3 || d.length != 3) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(t[2]);
            LocalTime clock = LocalTime.of(Integer.parseInt(t[0]), Integer.parseInt(t[1]), (int) seconds,
                    (int) Math.round((seconds - Math.floor(seconds)) * 1000) * 1_000_000);
            return LocalDateTime.of(LocalDate.of(Integer.parseInt(d[2]), Integer.parseInt(d[1]),
                    Integer.parseInt(d[0])), clock);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static WfdbSignal parseSignal(String[] f, String source, int line) throws WfdbFormatException {
        if (f.length < 2) {
            throw WfdbFormatException.header(source, " line " + line
                    + ": signal line needs a file name and a format");
        }
        String formatField = f[1];
        int offset = 0;
        String formatCode = formatField;
        int cut = indexOfAny(formatField, "x:+");
        if (cut >= 0) {
            formatCode = formatField.substring(0, cut);
            String rest = formatField.substring(cut);
            int plus = rest.indexOf('+');
            if (rest.startsWith("x") || rest.startsWith(":")) {
                throw new WfdbFormatException(EcgFormatProblem.UNSUPPORTED_WFDB_FORMAT, source + " line " + line
                        + ": format '" + formatField + "' (samples per frame or skew) is not supported", source, line,
                        formatField);
            }
            offset = parseInt(rest.substring(plus + 1), source, line, "byte offset");
            if (offset < 0) {
                throw WfdbFormatException.header(source, " line " + line + ": negative byte offset " + offset);
            }
        }
        WfdbSignalFormat format = WfdbSignalFormat.ofCode(parseInt(formatCode, source, line, "format"));
        if (format == null) {
            throw new WfdbFormatException(EcgFormatProblem.UNSUPPORTED_WFDB_FORMAT, source + " line " + line
                    + ": signal format " + formatCode + " is not supported (only 212 and 16)", source, line, formatCode);
        }
        double gain = 200;
        Integer baseline = null;
        String units = "mV";
        if (f.length > 2) {
            String g = f[2];
            int slash = g.indexOf('/');
            if (slash >= 0) {
                units = g.substring(slash + 1);
                g = g.substring(0, slash);
            }
            int paren = g.indexOf('(');
            if (paren >= 0) {
                if (!g.endsWith(")")) {
                    throw WfdbFormatException.header(source, " line " + line + ": baseline in '" + f[2]
                            + "' lacks its closing parenthesis");
                }
                baseline = parseInt(g.substring(paren + 1, g.length() - 1), source, line, "baseline");
                g = g.substring(0, paren);
            }
            try {
                gain = Double.parseDouble(g);
            } catch (NumberFormatException e) {
                throw WfdbFormatException.header(source, " line " + line + ": gain '" + g + "' is not a number");
            }
            if (gain == 0) {
                gain = 200;
            }
            if (!(gain > 0) || Double.isInfinite(gain)) {
                throw WfdbFormatException.header(source, " line " + line + ": gain " + gain + " must be positive");
            }
        }
        int resolution = f.length > 3 ? parseInt(f[3], source, line, "ADC resolution") : 12;
        int zero = f.length > 4 ? parseInt(f[4], source, line, "ADC zero") : 0;
        Integer initial = f.length > 5 ? parseInt(f[5], source, line, "initial value") : null;
        Integer checksum = f.length > 6 ? parseInt(f[6], source, line, "checksum") : null;
        int blockSize = f.length > 7 ? parseInt(f[7], source, line, "block size") : 0;
        String description = f.length > 8 ? String.join(" ", java.util.Arrays.copyOfRange(f, 8, f.length)) : "";
        return new WfdbSignal(f[0], format, offset, gain, baseline == null ? zero : baseline, units, resolution,
                zero, initial, checksum, blockSize, description);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int parseInt(String value, String source, int line, String field) throws WfdbFormatException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw WfdbFormatException.header(source, " line " + line + ": " + field + " '" + value
                    + "' is not an integer");
        }
    }

    /** Header text as written by {@link WfdbWriter}. */
    public String format() {
        StringBuilder text = new StringBuilder();
        text.append(recordName).append(' ').append(signals.size()).append(' ').append(formatNumber(samplingRateHz));
        if (sampleCount >= 0) {
            text.append(' ').append(sampleCount);
            if (baseTime != null) {
                text.append(' ').append(String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", baseTime.getHour(),
                        baseTime.getMinute(), baseTime.getSecond()));
                int millis = baseTime.getNano() / 1_000_000;
                if (millis > 0) {
                    text.append(String.format(java.util.Locale.ROOT, ".%03d", millis));
                }
                text.append(' ').append(String.format(java.util.Locale.ROOT, "%02d/%02d/%04d",
                        baseTime.getDayOfMonth(), baseTime.getMonthValue(), baseTime.getYear()));
            }
        }
        text.append('\n');
        for (WfdbSignal s : signals) {
            text.append(s.fileName()).append(' ').append(s.format().code());
            if (s.byteOffset() > 0) {
                text.append('+').append(s.byteOffset());
            }
            text.append(' ').append(formatNumber(s.gainAduPerUnit())).append('(').append(s.baseline()).append(")/")
                    .append(s.units()).append(' ').append(s.adcResolution()).append(' ').append(s.adcZero())
                    .append(' ').append(s.initialValue() == null ? 0 : s.initialValue()).append(' ')
                    .append(s.checksum() == null ? 0 : s.checksum()).append(' ').append(s.blockSize());
            if (!s.description().isEmpty()) {
                text.append(' ').append(s.description());
            }
            text.append('\n');
        }
        for (String comment : comments) {
            text.append("# ").append(comment).append('\n');
        }
        return text.toString();
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
