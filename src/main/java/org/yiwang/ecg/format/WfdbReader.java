package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads single-segment WFDB records: a {@code .hea} header and its signal files in format 212 or 16 (with an
 * optional byte offset, e.g. {@code 16+24} in MATLAB v4 {@code .mat} files), several files per record allowed.
 */
public final class WfdbReader {

    /** Which declared values to check against the samples read. */
    public enum Checks {
        /** The header's initial value and 16-bit checksum of each signal, where declared. */
        INITIAL_VALUE_AND_CHECKSUM,
        /** None (for sets whose headers carry wrong values, such as the CinC 2017 challenge files). */
        NONE
    }

    private WfdbReader() {
    }

    /** Reads {@code header} (a {@code .hea} path, or the record path without extension) and checks it. */
    public static WfdbRecord read(Path header) throws IOException {
        return read(header, Checks.INITIAL_VALUE_AND_CHECKSUM);
    }

    public static WfdbRecord read(Path header, Checks checks) throws IOException {
        Path headerFile = header.getFileName().toString().endsWith(".hea") ? header
                : header.resolveSibling(header.getFileName() + ".hea");
        String headerName = headerFile.getFileName().toString();
        byte[] text;
        try {
            text = Files.readAllBytes(headerFile);
        } catch (NoSuchFileException e) {
            throw new WfdbFormatException(EcgFormatProblem.MISSING_HEADER, "header " + headerFile
                    + " does not exist", headerName);
        }
        Path directory = headerFile.toAbsolutePath().getParent();
        return read(headerName, text, name -> {
            try {
                return Files.readAllBytes(directory.resolve(name));
            } catch (NoSuchFileException e) {
                return null;
            }
        }, checks, EcgFileLimits.UNLIMITED);
    }

    /**
     * Reads a record held in memory: the header's bytes and the signal files by name ({@code signalFiles} is not
     * copied). Checks the {@code limits} from the header and file lengths before decoding.
     */
    public static WfdbRecord read(String headerName, byte[] header, Map<String, byte[]> signalFiles, Checks checks,
            EcgFileLimits limits) throws EcgFormatException {
        try {
            return read(headerName, header, signalFiles::get, checks, limits);
        } catch (EcgFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e);
        }
    }

    /** Signal file bytes by plain file name, or null if there is no such file. */
    @FunctionalInterface
    private interface SignalFiles {
        byte[] bytes(String name) throws IOException;
    }

    private static WfdbRecord read(String headerName, byte[] headerBytes, SignalFiles signalFiles, Checks checks,
            EcgFileLimits limits) throws IOException {
        WfdbHeader parsed = WfdbHeader.parse(new String(headerBytes, StandardCharsets.ISO_8859_1), headerName);
        Map<String, List<Integer>> files = new LinkedHashMap<>();
        for (int s = 0; s < parsed.signals().size(); s++) {
            files.computeIfAbsent(parsed.signals().get(s).fileName(), f -> new ArrayList<>()).add(s);
        }
        limits.checkLeads(headerName, parsed.signals().size());
        int[][] digital = new int[parsed.signals().size()][];
        long sampleCount = parsed.sampleCount();
        int firstSignalOfCount = -1;
        for (Map.Entry<String, List<Integer>> file : files.entrySet()) {
            String name = file.getKey();
            if (name.contains("/") || name.contains("\\") || name.equals("-")) {
                throw WfdbFormatException.header(headerName, ": signal file '" + name
                        + "' must be a plain file name beside the header");
            }
            List<Integer> members = file.getValue();
            WfdbSignal first = parsed.signals().get(members.get(0));
            for (int s : members) {
                WfdbSignal signal = parsed.signals().get(s);
                if (signal.format() != first.format() || signal.byteOffset() != first.byteOffset()) {
                    throw WfdbFormatException.header(headerName, ": signals " + members.get(0) + " and " + s
                            + " share file " + name + " but differ in format or byte offset");
                }
            }
            byte[] bytes = signalFiles.bytes(name);
            if (bytes == null) {
                throw new WfdbFormatException(EcgFormatProblem.MISSING_SIGNAL_FILE, headerName + ": signal file "
                        + name + " does not exist", headerName, name);
            }
            long perSignal = samplesPerSignal(bytes.length, first.format(), first.byteOffset(), members.size(),
                    sampleCount, name);
            limits.checkSamples(headerName, parsed.signals().size(), perSignal);
            int[][] decoded = decode(bytes, first.format(), first.byteOffset(), members.size(), perSignal, name);
            if (sampleCount < 0) {
                sampleCount = perSignal;
                firstSignalOfCount = members.get(0);
            } else if (perSignal != sampleCount) {
                String lead = signalName(parsed, members.get(0));
                String other = signalName(parsed, firstSignalOfCount < 0 ? 0 : firstSignalOfCount);
                throw new WfdbFormatException(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH, name + ": holds " + perSignal
                        + " samples per signal, another file of the record holds " + sampleCount, name, lead,
                        perSignal, other, sampleCount);
            }
            for (int k = 0; k < members.size(); k++) {
                digital[members.get(k)] = decoded[k];
            }
        }
        WfdbHeader header = new WfdbHeader(parsed.recordName(), parsed.samplingRateHz(), sampleCount,
                parsed.signals(), parsed.comments(), parsed.baseTime());
        if (checks == Checks.INITIAL_VALUE_AND_CHECKSUM) {
            verify(header, digital, headerName);
        }
        return new WfdbRecord(header, digital);
    }

    private static String signalName(WfdbHeader header, int signal) {
        String description = header.signals().get(signal).description();
        return description.isBlank() ? "signal " + signal : description;
    }

    /**
     * Samples per signal in a file of {@code length} bytes: {@code declared} (checked against the length) or, if
     * -1, as many as the file holds.
     */
    static long samplesPerSignal(long length, WfdbSignalFormat format, int offset, int signals, long declared,
            String name) throws WfdbFormatException {
        if (offset > length) {
            throw new WfdbFormatException(EcgFormatProblem.TRUNCATED_SIGNAL, name + ": byte offset " + offset
                    + " is beyond the file's " + length + " bytes", name, offset, length);
        }
        long available = length - offset;
        long totalAvailable = format == WfdbSignalFormat.FORMAT_16 ? available / 2 : (available / 3) * 2
                + (available % 3 >= 2 ? 1 : 0);
        long perSignal = declared >= 0 ? declared : totalAvailable / signals;
        long total = perSignal * signals;
        if (total > totalAvailable) {
            long needed = format == WfdbSignalFormat.FORMAT_16 ? total * 2 : (total / 2) * 3 + (total % 2) * 2;
            throw new WfdbFormatException(EcgFormatProblem.TRUNCATED_SIGNAL, name + ": header declares " + perSignal
                    + " samples x " + signals + " signals = " + needed + " bytes of format " + format.code()
                    + " after offset " + offset + ", but the file has only " + available, name, offset + needed,
                    length);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new WfdbFormatException(EcgFormatProblem.TOO_MANY_SAMPLES, name + ": " + total
                    + " samples is too many to hold in memory", name, perSignal, (Integer.MAX_VALUE - 8) / signals);
        }
        return perSignal;
    }

    /** Decodes {@code perSignal} interleaved samples of each of {@code signals} signals (checked to be present). */
    static int[][] decode(byte[] bytes, WfdbSignalFormat format, int offset, int signals, long perSignal,
            String name) {
        long total = perSignal * signals;
        int n = (int) perSignal;
        int[][] out = new int[signals][n];
        if (format == WfdbSignalFormat.FORMAT_16) {
            int p = offset;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < signals; s++) {
                    out[s][i] = (short) ((bytes[p] & 0xFF) | (bytes[p + 1] << 8));
                    p += 2;
                }
            }
        } else {
            int p = offset;
            int s = 0;
            int i = 0;
            for (long k = 0; k < total; k += 2) {
                int b1 = bytes[p + 1] & 0xFF;
                int v0 = (bytes[p] & 0xFF) | (b1 & 0x0F) << 8;
                out[s][i] = v0 > 2047 ? v0 - 4096 : v0;
                if (++s == signals) {
                    s = 0;
                    i++;
                }
                if (k + 1 < total) {
                    int v1 = (bytes[p + 2] & 0xFF) | (b1 & 0xF0) << 4;
                    out[s][i] = v1 > 2047 ? v1 - 4096 : v1;
                    if (++s == signals) {
                        s = 0;
                        i++;
                    }
                }
                p += 3;
            }
        }
        return out;
    }

    private static void verify(WfdbHeader header, int[][] digital, String source) throws WfdbFormatException {
        for (int s = 0; s < digital.length; s++) {
            WfdbSignal signal = header.signals().get(s);
            int[] d = digital[s];
            if (signal.initialValue() != null && d.length > 0 && d[0] != signal.initialValue()) {
                throw new WfdbFormatException(EcgFormatProblem.INITIAL_VALUE_MISMATCH, source + ": signal " + s
                        + " (" + signal.description() + ") starts with " + d[0] + " but the header's initial value is "
                        + signal.initialValue(), source, signalName(header, s), d[0], signal.initialValue());
            }
            if (signal.checksum() != null) {
                int sum = 0;
                for (int v : d) {
                    sum += v;
                }
                if ((short) sum != (short) (int) signal.checksum()) {
                    throw new WfdbFormatException(EcgFormatProblem.CHECKSUM_MISMATCH, source + ": signal " + s
                            + " (" + signal.description() + ") has checksum " + (short) sum
                            + " but the header declares " + signal.checksum(), source, signalName(header, s),
                            (short) sum, signal.checksum());
                }
            }
        }
    }
}
