package org.yiwang.ecg.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * Reads ECG text with one column per lead. UTF-8 (optional BOM). Lines starting with {@code #} are comments; before
 * the header they may set {@code # samplingRateHz=500}, {@code # units=uV} or {@code mV} (default uV),
 * {@code # acquiredAt=2026-03-01T10:03:04+08:00} (ISO; without offset in the reader's zone) and
 * {@code # device=…}. The first other line is the header: lead names, optionally preceded by a time column
 * ({@code time}, {@code t}, {@code t_s}, {@code time_s} in seconds, {@code t_ms}, {@code time_ms} in ms) or a sample
 * number column ({@code sample}, {@code index}). Separator: tab, semicolon or comma, whichever the header uses (in
 * that order of preference); with tab or semicolon a decimal comma is accepted. The sampling rate comes from the
 * comment, else from an evenly spaced time column. Blank lines are skipped.
 */
public final class CsvEcgReader {

    private CsvEcgReader() {
    }

    private enum FirstColumn { NONE, SECONDS, MILLISECONDS, SAMPLE }

    public static DecodedEcg read(EcgFile file, EcgFileLimits limits, ZoneId zone) throws EcgFormatException {
        String name = file.name();
        String text = utf8(file.content(), name);
        int p = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        Double rate = null;
        double unitMicrovolts = 1;
        Instant acquired = null;
        String device = null;
        String[] header = null;
        char separator = ',';
        FirstColumn first = FirstColumn.NONE;
        int headerLine = 0;
        int leads = 0;
        int[][] columns = null;
        int rows = 0;
        long rowLimit = 0;
        double firstTime = Double.NaN;
        double secondTime = Double.NaN;
        int secondTimeLine = 0;
        double[] times = null;
        int[] timeLines = null;
        int length = text.length();
        while (p < length) {
            int end = text.indexOf('\n', p);
            if (end < 0) {
                end = length;
            }
            lineNumber++;
            String line = text.substring(p, end > p && text.charAt(end - 1) == '\r' ? end - 1 : end);
            p = end + 1;
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (stripped.startsWith("#")) {
                if (header != null) {
                    continue;
                }
                int eq = stripped.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = stripped.substring(1, eq).strip().toLowerCase(Locale.ROOT);
                String value = stripped.substring(eq + 1).strip();
                switch (key) {
                    case "samplingratehz", "sampling_rate_hz", "fs" -> {
                        try {
                            rate = Double.parseDouble(value);
                        } catch (NumberFormatException e) {
                            rate = Double.NaN;
                        }
                        if (!(rate > 0) || rate.isInfinite()) {
                            throw badHeader(name, lineNumber, "sampling rate '" + value + "' is not a positive number");
                        }
                    }
                    case "units", "unit" -> unitMicrovolts = switch (value) {
                        case "uV", "µV" -> 1;
                        case "mV" -> 1000;
                        default -> throw new EcgFormatException(EcgFormatProblem.UNSUPPORTED_UNIT, name + " line "
                                + lineNumber + ": units '" + value + "' is not uV or mV", name, value);
                    };
                    case "acquiredat", "acquired_at" -> acquired = Timestamps.parseFhir(value, name, zone);
                    case "device" -> device = value;
                    default -> {
                    }
                }
                continue;
            }
            if (header == null) {
                separator = line.indexOf('\t') >= 0 ? '\t' : line.indexOf(';') >= 0 ? ';' : ',';
                header = split(line, separator);
                headerLine = lineNumber;
                List<String> names = new ArrayList<>();
                for (int c = 0; c < header.length; c++) {
                    String h = unquote(header[c].strip());
                    if (c == 0 && header.length > 1) {
                        String lower = h.toLowerCase(Locale.ROOT);
                        FirstColumn kind = switch (lower) {
                            case "time", "t", "t_s", "time_s", "seconds", "time (s)" -> FirstColumn.SECONDS;
                            case "t_ms", "time_ms", "time (ms)" -> FirstColumn.MILLISECONDS;
                            case "sample", "index", "n", "sample_index" -> FirstColumn.SAMPLE;
                            default -> FirstColumn.NONE;
                        };
                        if (kind != FirstColumn.NONE) {
                            first = kind;
                            continue;
                        }
                    }
                    if (h.isEmpty()) {
                        throw badHeader(name, lineNumber, "column " + (c + 1) + " has no lead name");
                    }
                    if (isNumber(h)) {
                        throw badHeader(name, lineNumber, "the header names the leads, but column " + (c + 1)
                                + " is the number " + h);
                    }
                    names.add(h);
                }
                if (names.isEmpty()) {
                    throw badHeader(name, lineNumber, "no lead column");
                }
                for (int i = 0; i < names.size(); i++) {
                    String canonical = org.yiwang.ecg.signal.LeadNames.canonical(names.get(i));
                    for (int j = 0; j < i; j++) {
                        if (org.yiwang.ecg.signal.LeadNames.canonical(names.get(j)).equals(canonical)) {
                            throw new EcgFormatException(EcgFormatProblem.DUPLICATE_LEAD, name + ": lead "
                                    + canonical + " appears twice in the header", name, canonical);
                        }
                    }
                }
                limits.checkLeads(name, names.size());
                leads = names.size();
                header = names.toArray(String[]::new);
                columns = new int[leads][1024];
                rowLimit = Math.min(limits.maxSamplesPerLead(), limits.maxTotalSamples() / leads);
                if (first == FirstColumn.SECONDS || first == FirstColumn.MILLISECONDS) {
                    times = new double[1024];
                    timeLines = new int[1024];
                }
                continue;
            }
            String[] fields = split(line, separator);
            int expected = leads + (first == FirstColumn.NONE ? 0 : 1);
            if (fields.length != expected) {
                throw new EcgFormatException(EcgFormatProblem.CSV_RAGGED_ROW, name + " line " + lineNumber + ": "
                        + fields.length + " fields, the header has " + expected, name, lineNumber, fields.length,
                        expected);
            }
            if (rows >= rowLimit) {
                throw EcgFileLimits.tooManySamples(name, header[0], rowLimit, limits);
            }
            if (rows == columns[0].length) {
                int grown = (int) Math.min(rowLimit, (long) rows * 2);
                for (int c = 0; c < leads; c++) {
                    columns[c] = Arrays.copyOf(columns[c], grown);
                }
                if (times != null) {
                    times = Arrays.copyOf(times, grown);
                    timeLines = Arrays.copyOf(timeLines, grown);
                }
            }
            int offset = expected - leads;
            if (times != null) {
                times[rows] = number(fields[0], separator, name, lineNumber, 1);
                timeLines[rows] = lineNumber;
            } else if (offset == 1) {
                number(fields[0], separator, name, lineNumber, 1);
            }
            for (int c = 0; c < leads; c++) {
                double v = number(fields[c + offset], separator, name, lineNumber, c + offset + 1);
                double uv = Math.round(v * unitMicrovolts);
                if (!(Math.abs(uv) <= Integer.MAX_VALUE)) {
                    throw new EcgFormatException(EcgFormatProblem.CSV_BAD_NUMBER, name + " line " + lineNumber
                            + " column " + (c + offset + 1) + ": " + fields[c + offset].strip() + " is out of range",
                            name, lineNumber, c + offset + 1, fields[c + offset].strip());
                }
                columns[c][rows] = (int) uv;
            }
            rows++;
        }
        if (header == null) {
            throw badHeader(name, lineNumber, "no header line naming the leads");
        }
        if (rows == 0) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLES, name + ": no data rows after the header on "
                    + "line " + headerLine, name);
        }
        if (rate == null && times != null) {
            rate = rateFromTimes(times, timeLines, rows, first == FirstColumn.MILLISECONDS ? 1e-3 : 1, name);
        }
        if (rate == null) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, name + ": give '# samplingRateHz=…' "
                    + "before the header or a time column in seconds", name);
        }
        int[][] samples = new int[leads][];
        for (int c = 0; c < leads; c++) {
            samples[c] = columns[c].length == rows ? columns[c] : Arrays.copyOf(columns[c], rows);
        }
        EcgRecording recording = EcgRecording.of(rate, List.of(header), samples);
        return new DecodedEcg(EcgSourceFormat.CSV, recording, Optional.ofNullable(acquired),
                device == null || device.isBlank() ? Optional.empty() : Optional.of(EcgFiles.clip("device "
                        + device)), List.of(), List.of(name));
    }

    private static double rateFromTimes(double[] times, int[] lines, int rows, double unitSeconds, String name)
            throws EcgFormatException {
        if (rows < 2) {
            throw new EcgFormatException(EcgFormatProblem.NO_SAMPLING_RATE, name + ": one row cannot give the "
                    + "sampling interval", name);
        }
        double interval = (times[rows - 1] - times[0]) / (rows - 1);
        if (!(interval > 0)) {
            throw new EcgFormatException(EcgFormatProblem.CSV_UNEVEN_TIME, name + " line " + lines[1]
                    + ": time does not increase", name, lines[1]);
        }
        for (int i = 1; i < rows; i++) {
            double expected = times[0] + i * interval;
            if (Math.abs(times[i] - expected) > interval * 0.5 || times[i] <= times[i - 1]) {
                throw new EcgFormatException(EcgFormatProblem.CSV_UNEVEN_TIME, name + " line " + lines[i] + ": time "
                        + times[i] + " is off the even spacing of " + interval + " (expected " + expected + ")", name,
                        lines[i]);
            }
        }
        return SampleRates.fromInterval(interval * unitSeconds);
    }

    private static String utf8(byte[] content, String name) throws EcgFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new EcgFormatException(EcgFormatProblem.NOT_UTF8, name + " is not UTF-8 text", name);
        }
    }

    private static String[] split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields.toArray(String[]::new);
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1).strip() : field;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.replace(',', '.'));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String field, char separator, String name, int line, int column)
            throws EcgFormatException {
        String s = field.strip();
        int n = s.length();
        if (n > 0 && n <= 15) {
            boolean negative = s.charAt(0) == '-';
            int p = negative || s.charAt(0) == '+' ? 1 : 0;
            long value = 0;
            boolean digits = p < n;
            for (int i = p; i < n && digits; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    digits = false;
                } else {
                    value = value * 10 + (c - '0');
                }
            }
            if (digits) {
                return negative ? -value : value;
            }
        }
        String decimal = separator != ',' && s.indexOf(',') >= 0 && s.indexOf('.') < 0 ? s.replace(',', '.') : s;
        boolean plain = !decimal.isEmpty();
        for (int i = 0; i < decimal.length() && plain; i++) {
            char c = decimal.charAt(i);
            plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        if (plain) {
            try {
                double v = Double.parseDouble(decimal);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        String shown = s.length() > 30 ? s.substring(0, 30) + "…" : s;
        throw new EcgFormatException(EcgFormatProblem.CSV_BAD_NUMBER, name + " line " + line + " column " + column
                + ": '" + shown + "' is not a number", name, line, column, shown);
    }

    private static EcgFormatException badHeader(String name, int line, String detail) {
        return new EcgFormatException(EcgFormatProblem.CSV_BAD_HEADER, name + " line " + line + ": " + detail, name,
                line, detail);
    }
}
