package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes single-segment WFDB records (format 212 or 16, optional byte offset) with initial values and checksums. */
public final class WfdbWriter {

    private WfdbWriter() {
    }

    /**
     * Writes the header and signal files of {@code record} into {@code directory}; initial values and checksums are
     * computed from the samples. Returns the header as written.
     */
    public static WfdbHeader write(Path directory, WfdbRecord record) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        WfdbHeader header = encode(record, files);
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
        return header;
    }

    /**
     * Encodes {@code record} into {@code files} (file name → bytes): the header {@code <name>.hea} first, then the
     * signal files. Returns the header as written.
     */
    public static WfdbHeader encode(WfdbRecord record, Map<String, byte[]> files) {
        WfdbHeader template = record.header();
        int[][] digital = record.digital();
        if (digital.length != template.signals().size()) {
            throw new IllegalArgumentException(digital.length + " sample arrays for " + template.signals().size()
                    + " signals");
        }
        int n = record.sampleCount();
        List<WfdbSignal> signals = new ArrayList<>();
        Map<String, List<Integer>> signalFiles = new LinkedHashMap<>();
        for (int s = 0; s < digital.length; s++) {
            WfdbSignal t = template.signals().get(s);
            int[] d = digital[s];
            if (d.length != n) {
                throw new IllegalArgumentException("signal " + s + " has " + d.length + " samples, signal 0 has " + n);
            }
            int sum = 0;
            for (int v : d) {
                if (v < t.format().minimumValue() || v > t.format().maximumValue()) {
                    throw new IllegalArgumentException("signal " + s + " value " + v + " does not fit format "
                            + t.format().code());
                }
                sum += v;
            }
            signals.add(new WfdbSignal(t.fileName(), t.format(), t.byteOffset(), t.gainAduPerUnit(), t.baseline(),
                    t.units(), t.adcResolution(), t.adcZero(), n > 0 ? d[0] : 0, (int) (short) sum, t.blockSize(),
                    t.description()));
            signalFiles.computeIfAbsent(t.fileName(), f -> new ArrayList<>()).add(s);
        }
        WfdbHeader header = new WfdbHeader(template.recordName(), template.samplingRateHz(), n, signals,
                template.comments(), template.baseTime());
        files.put(template.recordName() + ".hea", header.format().getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, List<Integer>> file : signalFiles.entrySet()) {
            List<Integer> members = file.getValue();
            WfdbSignal first = signals.get(members.get(0));
            files.put(file.getKey(), encode(digital, members, first.format(), first.byteOffset()));
        }
        return header;
    }

    private static byte[] encode(int[][] digital, List<Integer> members, WfdbSignalFormat format, int offset) {
        int signals = members.size();
        int n = digital[members.get(0)].length;
        long total = (long) n * signals;
        int size = (int) (format == WfdbSignalFormat.FORMAT_16 ? total * 2 : (total / 2) * 3 + (total % 2) * 2);
        byte[] out = new byte[offset + size];
        int p = offset;
        if (format == WfdbSignalFormat.FORMAT_16) {
            for (int i = 0; i < n; i++) {
                for (int member : members) {
                    int v = digital[member][i];
                    out[p++] = (byte) v;
                    out[p++] = (byte) (v >> 8);
                }
            }
        } else {
            for (long k = 0; k < total; k += 2) {
                int v0 = digital[members.get((int) (k % signals))][(int) (k / signals)] & 0xFFF;
                int v1 = k + 1 < total ? digital[members.get((int) ((k + 1) % signals))][(int) ((k + 1) / signals)]
                        & 0xFFF : 0;
                out[p++] = (byte) v0;
                out[p++] = (byte) ((v0 >> 8) | ((v1 >> 4) & 0xF0));
                if (k + 1 < total) {
                    out[p++] = (byte) v1;
                }
            }
        }
        return out;
    }
}
