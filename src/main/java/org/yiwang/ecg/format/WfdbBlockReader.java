package org.yiwang.ecg.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yiwang.ecg.signal.LeadNames;

/**
 * Reads a WFDB record (formats 212 and 16) block by block from streams, so a recording of any length is decoded in
 * the memory of one block: the samples come out in microvolts exactly as {@link WfdbRecord#toRecording()} gives
 * them. Sizes, lengths and limits are checked from the header and the file lengths before the first sample; the
 * header's initial values are checked on the first block and its checksums by {@link #verify()} after the last, so a
 * caller that stores blocks as they come must keep them uncommitted until {@code verify} passed.
 */
public final class WfdbBlockReader implements AutoCloseable {

    /** The signal files of the record: their lengths in bytes, and a stream of each from its first byte. */
    public interface SignalFiles {
        /** The file's length in bytes, or -1 when the upload does not hold it. */
        long length(String name);

        InputStream open(String name) throws IOException;
    }

    private final WfdbHeader header;
    private final List<String> leadNames;
    private final List<Group> groups;
    private final int[][] tables;
    private final int[] minimum;
    private final int[] checksums;
    private final int[] first;
    private long position;

    private WfdbBlockReader(WfdbHeader header, List<String> leadNames, List<Group> groups) {
        this.header = header;
        this.leadNames = leadNames;
        this.groups = groups;
        int signals = header.signals().size();
        this.tables = new int[signals][];
        this.minimum = new int[signals];
        this.checksums = new int[signals];
        this.first = new int[signals];
        for (int s = 0; s < signals; s++) {
            WfdbSignal signal = header.signals().get(s);
            double scale = signal.microvoltsPerUnit() / signal.gainAduPerUnit();
            int min = signal.format().minimumValue();
            int max = signal.format().maximumValue();
            int[] table = new int[max - min + 1];
            for (int v = min; v <= max; v++) {
                table[v - min] = (int) Math.round((v - signal.baseline()) * scale);
            }
            tables[s] = table;
            minimum[s] = min;
        }
    }

    /**
     * Parses the header, checks the signal files' presence, lengths and the {@code limits}, and opens the files.
     *
     * @throws EcgFormatException naming the problem, before any sample is read
     */
    public static WfdbBlockReader open(String headerName, byte[] headerBytes, SignalFiles files, EcgFileLimits limits)
            throws EcgFormatException, IOException {
        WfdbHeader parsed = WfdbHeader.parse(new String(headerBytes, StandardCharsets.ISO_8859_1), headerName);
        limits.checkLeads(headerName, parsed.signals().size());
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int s = 0; s < parsed.signals().size(); s++) {
            byFile.computeIfAbsent(parsed.signals().get(s).fileName(), f -> new ArrayList<>()).add(s);
        }
        long sampleCount = parsed.sampleCount();
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> file : byFile.entrySet()) {
            String name = file.getKey();
            if (name.contains("/") || name.contains("\\") || name.equals("-")) {
                throw WfdbFormatException.header(headerName, ": signal file '" + name
                        + "' must be a plain file name beside the header");
            }
            List<Integer> members = file.getValue();
            WfdbSignal firstSignal = parsed.signals().get(members.get(0));
            for (int s : members) {
                WfdbSignal signal = parsed.signals().get(s);
                if (signal.format() != firstSignal.format() || signal.byteOffset() != firstSignal.byteOffset()) {
                    throw WfdbFormatException.header(headerName, ": signals " + members.get(0) + " and " + s
                            + " share file " + name + " but differ in format or byte offset");
                }
            }
            long length = files.length(name);
            if (length < 0) {
                throw new WfdbFormatException(EcgFormatProblem.MISSING_SIGNAL_FILE, headerName + ": signal file "
                        + name + " does not exist", headerName, name);
            }
            long perSignal = WfdbReader.samplesPerSignal(length, firstSignal.format(), firstSignal.byteOffset(),
                    members.size(), sampleCount, name);
            limits.checkSamples(headerName, parsed.signals().size(), perSignal);
            if (sampleCount < 0) {
                sampleCount = perSignal;
            } else if (perSignal != sampleCount) {
                throw new WfdbFormatException(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH, name + ": holds " + perSignal
                        + " samples per signal, another file of the record holds " + sampleCount, name,
                        describe(parsed, members.get(0)), perSignal, describe(parsed, 0), sampleCount);
            }
            groups.add(new Group(name, firstSignal.format(), firstSignal.byteOffset(),
                    members.stream().mapToInt(Integer::intValue).toArray()));
        }
        WfdbHeader header = new WfdbHeader(parsed.recordName(), parsed.samplingRateHz(), sampleCount,
                parsed.signals(), parsed.comments(), parsed.baseTime());
        List<String> names = new ArrayList<>();
        for (int s = 0; s < header.signals().size(); s++) {
            String description = header.signals().get(s).description();
            names.add(LeadNames.canonical(description.isBlank() ? "signal" + s : description));
        }
        WfdbBlockReader reader = new WfdbBlockReader(header, List.copyOf(names), groups);
        try {
            for (Group g : groups) {
                g.open(files.open(g.name));
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    private static String describe(WfdbHeader header, int signal) {
        String description = header.signals().get(signal).description();
        return description.isBlank() ? "signal " + signal : description;
    }

    /** The header, with the sample count taken from the file lengths when it declares none. */
    public WfdbHeader header() {
        return header;
    }

    /** Canonical lead names, as {@link org.yiwang.ecg.signal.EcgRecording#of} gives them. */
    public List<String> leadNames() {
        return leadNames;
    }

    public long sampleCount() {
        return header.sampleCount();
    }

    /** Samples read so far (per lead). */
    public long position() {
        return position;
    }

    /**
     * Decodes the next samples of every lead into {@code microvolts[lead][0..n)}, {@code n} at most the arrays'
     * length.
     *
     * @return {@code n}, 0 at the end of the record
     */
    public int read(int[][] microvolts) throws IOException, EcgFormatException {
        int n = (int) Math.min(microvolts[0].length, header.sampleCount() - position);
        if (n <= 0) {
            return 0;
        }
        for (Group g : groups) {
            for (int i = 0; i < n; i++) {
                for (int signal : g.signals) {
                    int v = g.next();
                    checksums[signal] += v;
                    if (position == 0 && i == 0) {
                        first[signal] = v;
                    }
                    int index = v - minimum[signal];
                    int[] table = tables[signal];
                    microvolts[signal][i] = index >= 0 && index < table.length ? table[index]
                            : (int) Math.round((v - header.signals().get(signal).baseline())
                                    * header.signals().get(signal).microvoltsPerUnit()
                                    / header.signals().get(signal).gainAduPerUnit());
                }
            }
        }
        if (position == 0) {
            checkInitialValues();
        }
        position += n;
        return n;
    }

    private void checkInitialValues() throws WfdbFormatException {
        for (int s = 0; s < first.length; s++) {
            WfdbSignal signal = header.signals().get(s);
            if (signal.initialValue() != null && first[s] != signal.initialValue()) {
                throw new WfdbFormatException(EcgFormatProblem.INITIAL_VALUE_MISMATCH, header.recordName()
                        + ".hea: signal " + s + " (" + signal.description() + ") starts with " + first[s]
                        + " but the header's initial value is " + signal.initialValue(), header.recordName() + ".hea",
                        describe(header, s), first[s], signal.initialValue());
            }
        }
    }

    /**
     * After the last block: the header's 16-bit checksum of every signal that declares one.
     *
     * @throws IllegalStateException when not all samples were read
     */
    public void verify() throws WfdbFormatException {
        if (position != header.sampleCount()) {
            throw new IllegalStateException("verify after reading all " + header.sampleCount() + " samples, not "
                    + position);
        }
        for (int s = 0; s < checksums.length; s++) {
            WfdbSignal signal = header.signals().get(s);
            if (signal.checksum() != null && (short) checksums[s] != (short) (int) signal.checksum()) {
                throw new WfdbFormatException(EcgFormatProblem.CHECKSUM_MISMATCH, header.recordName() + ".hea: signal "
                        + s + " (" + signal.description() + ") has checksum " + (short) checksums[s]
                        + " but the header declares " + signal.checksum(), header.recordName() + ".hea",
                        describe(header, s), (short) checksums[s], signal.checksum());
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Group g : groups) {
            try {
                g.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One signal file: its interleaved signals, decoded one sample at a time. */
    private static final class Group {
        final String name;
        final WfdbSignalFormat format;
        final int offset;
        final int[] signals;
        InputStream in;
        final byte[] buffer = new byte[1 << 16];
        int at;
        int filled;
        int pending = Integer.MIN_VALUE; // format 212: the second sample of the last three bytes

        Group(String name, WfdbSignalFormat format, int offset, int[] signals) {
            this.name = name;
            this.format = format;
            this.offset = offset;
            this.signals = signals;
        }

        void open(InputStream stream) throws IOException {
            in = stream;
            for (long skip = offset; skip > 0; skip--) {
                byteOf();
            }
        }

        int next() throws IOException {
            if (format == WfdbSignalFormat.FORMAT_16) {
                int lo = byteOf();
                int hi = byteOf();
                return (short) (lo | hi << 8);
            }
            if (pending != Integer.MIN_VALUE) {
                int v = pending;
                pending = Integer.MIN_VALUE;
                return v;
            }
            int b0 = byteOf();
            int b1 = byteOf();
            int v0 = b0 | (b1 & 0x0F) << 8;
            int b2 = byteOrEnd(); // the last sample of an odd count may come without its third byte
            if (b2 >= 0) {
                int v1 = b2 | (b1 & 0xF0) << 4;
                pending = v1 > 2047 ? v1 - 4096 : v1;
            }
            return v0 > 2047 ? v0 - 4096 : v0;
        }

        private int byteOf() throws IOException {
            int b = byteOrEnd();
            if (b < 0) {
                throw new EOFException(name + " ended early"); // lengths were checked: the stream changed
            }
            return b;
        }

        private int byteOrEnd() throws IOException {
            if (at == filled) {
                filled = in.readNBytes(buffer, 0, buffer.length);
                at = 0;
                if (filled <= 0) {
                    filled = 0;
                    return -1;
                }
            }
            return buffer[at++] & 0xFF;
        }

        void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
