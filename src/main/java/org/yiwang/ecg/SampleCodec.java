package org.yiwang.ecg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Lossless block encoding of microvolt samples: per lead, the first sample and then differences as zig-zag varints
 * (ECG differences are small: mostly one byte), the whole block deflated. About 1.5–2.5 bytes per sample instead of 4.
 */
final class SampleCodec {

    private SampleCodec() {
    }

    /** Samples {@code [from, to)} of every lead of {@code microvolts[lead][sample]}. */
    static byte[] encode(int[][] microvolts, int from, int to) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(microvolts.length * (to - from) * 2);
        for (int[] lead : microvolts) {
            int previous = 0;
            for (int i = from; i < to; i++) {
                writeVarint(raw, zigZag(lead[i] - previous));
                previous = lead[i];
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.size() / 2 + 16);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Decodes a block of {@code leads} leads × {@code samples} samples. */
    static int[][] decode(byte[] block, int leads, int samples) {
        byte[] raw = inflate(block, leads * samples * 5);
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int[][] out = new int[leads][samples];
        for (int lead = 0; lead < leads; lead++) {
            int value = 0;
            for (int i = 0; i < samples; i++) {
                value += unZigZag(readVarint(in));
                out[lead][i] = value;
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException("sample block holds more than " + leads + " × " + samples + " samples");
        }
        return out;
    }

    /** Beat sample indices (ascending) as deflated varint differences. */
    static byte[] encodeIndices(int[] ascending) {
        int[][] asLead = {ascending};
        return encode(asLead, 0, ascending.length);
    }

    static int[] decodeIndices(byte[] block, int count) {
        return decode(block, 1, count)[0];
    }

    private static byte[] inflate(byte[] block, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(block);
            ByteArrayOutputStream out = new ByteArrayOutputStream(block.length * 3);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated sample block");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new IllegalStateException("sample block larger than declared");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt sample block", e);
        } finally {
            inflater.end();
        }
    }

    private static int zigZag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int unZigZag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(ByteBuffer in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("varint too long");
    }
}
