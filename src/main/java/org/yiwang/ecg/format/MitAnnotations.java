package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MIT-format annotation files ({@code .atr}, LUDB per-lead files): 16-bit little-endian words, type in the top 6
 * bits, time increment in the low 10; SKIP (59), NUM (60), SUB (61), CHN (62) and AUX (63) pseudo-annotations.
 */
public final class MitAnnotations {

    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;

    private MitAnnotations() {
    }

    public static List<Annotation> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw WfdbFormatException.annotations(file.getFileName().toString(), "annotation file " + file
                    + " does not exist");
        }
        return parse(bytes, file.getFileName().toString());
    }

    public static List<Annotation> parse(byte[] bytes, String source) throws WfdbFormatException {
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int channel = 0;
        int number = 0;
        // fields of the annotation being built; modifiers follow the annotation word they belong to
        int pendingCode = -1;
        long pendingTime = 0;
        int pendingSub = 0;
        String pendingAux = "";
        int p = 0;
        while (p + 1 < bytes.length) {
            int word = (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8;
            int type = word >>> 10;
            int value = word & 0x3FF;
            int at = p;
            p += 2;
            if (type == 0 && value == 0) {
                break;
            }
            switch (type) {
                case SKIP -> {
                    if (p + 4 > bytes.length) {
                        throw WfdbFormatException.annotations(source, "SKIP at byte " + at
                                + " lacks its 4-byte interval");
                    }
                    int high = (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8;
                    int low = (bytes[p + 2] & 0xFF) | (bytes[p + 3] & 0xFF) << 8;
                    time += (high << 16) | low;
                    p += 4;
                    if (time < 0) {
                        throw WfdbFormatException.annotations(source, "SKIP at byte " + at + " moves time before 0");
                    }
                }
                case NUM -> {
                    requirePending(pendingCode, source, at, "NUM");
                    number = value > 511 ? value - 1024 : value;
                }
                case SUB -> {
                    requirePending(pendingCode, source, at, "SUB");
                    pendingSub = value;
                }
                case CHN -> {
                    requirePending(pendingCode, source, at, "CHN");
                    channel = value;
                }
                case AUX -> {
                    requirePending(pendingCode, source, at, "AUX");
                    if (p + value > bytes.length) {
                        throw WfdbFormatException.annotations(source, "AUX at byte " + at + " declares " + value
                                + " bytes but only " + (bytes.length - p) + " remain");
                    }
                    int length = value;
                    while (length > 0 && bytes[p + length - 1] == 0) {
                        length--;
                    }
                    pendingAux = new String(bytes, p, length, StandardCharsets.ISO_8859_1);
                    p += value + (value & 1);
                }
                default -> {
                    if (type > 49) {
                        throw WfdbFormatException.annotations(source, "annotation type " + type + " at byte " + at
                                + " is not a known code");
                    }
                    if (pendingCode >= 0) {
                        out.add(new Annotation(pendingTime, pendingCode, pendingSub, channel, number, pendingAux));
                    }
                    time += value;
                    if (type == 0) {
                        // WFDB's NOTQRS with a time increment: moves time, annotates nothing
                        pendingCode = -1;
                        continue;
                    }
                    pendingCode = type;
                    pendingTime = time;
                    pendingSub = 0;
                    pendingAux = "";
                }
            }
        }
        if (pendingCode >= 0) {
            out.add(new Annotation(pendingTime, pendingCode, pendingSub, channel, number, pendingAux));
        }
        if (p + 1 == bytes.length) {
            throw WfdbFormatException.annotations(source, "odd length " + bytes.length
                    + ", the last byte is half a word");
        }
        return out;
    }

    private static void requirePending(int pendingCode, String source, int at, String what)
            throws WfdbFormatException {
        if (pendingCode < 0) {
            throw WfdbFormatException.annotations(source, what + " at byte " + at + " follows no annotation");
        }
    }

    /** Encodes annotations (sorted by time) in MIT format, ending with the zero word. */
    public static byte[] encode(List<Annotation> annotations) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long time = 0;
        int channel = 0;
        int number = 0;
        for (Annotation a : annotations) {
            long delta = a.sample() - time;
            if (delta < 0) {
                throw new IllegalArgumentException("annotations must be sorted by time: " + a.sample() + " after "
                        + time);
            }
            if (delta > 1023) {
                word(out, SKIP << 10);
                word(out, (int) (delta >>> 16) & 0xFFFF);
                word(out, (int) delta & 0xFFFF);
                delta = 0;
            }
            word(out, a.code() << 10 | (int) delta);
            time = a.sample();
            if (a.subtype() != 0) {
                word(out, SUB << 10 | (a.subtype() & 0x3FF));
            }
            if (a.channel() != channel) {
                word(out, CHN << 10 | (a.channel() & 0x3FF));
                channel = a.channel();
            }
            if (a.number() != number) {
                word(out, NUM << 10 | (a.number() & 0x3FF));
                number = a.number();
            }
            if (!a.aux().isEmpty()) {
                byte[] aux = a.aux().getBytes(StandardCharsets.ISO_8859_1);
                if (aux.length > 1023) {
                    throw new IllegalArgumentException("aux text longer than 1023 bytes");
                }
                word(out, AUX << 10 | aux.length);
                out.writeBytes(aux);
                if ((aux.length & 1) == 1) {
                    out.write(0);
                }
            }
        }
        word(out, 0);
        return out.toByteArray();
    }

    public static void write(Path file, List<Annotation> annotations) throws IOException {
        Files.write(file, encode(annotations));
    }

    private static void word(java.io.ByteArrayOutputStream out, int word) {
        out.write(word & 0xFF);
        out.write((word >>> 8) & 0xFF);
    }
}
