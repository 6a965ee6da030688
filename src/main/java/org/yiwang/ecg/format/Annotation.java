package org.yiwang.ecg.format;

/**
 * One MIT-format annotation.
 *
 * @param sample   time as a sample index
 * @param code     annotation type code (1 = N, 5 = V, 28 = rhythm change, …), see {@link AnnotationCodes}
 * @param subtype  the SUB field (0 if absent)
 * @param channel  the CHN field (sticky: carried over from the previous annotation, as in WFDB)
 * @param number   the NUM field (sticky)
 * @param aux      auxiliary text such as {@code "(AFIB"}, or empty
 */
public record Annotation(long sample, int code, int subtype, int channel, int number, String aux) {

    public Annotation {
        if (sample < 0) {
            throw new IllegalArgumentException("annotation time must not be negative: " + sample);
        }
        if (code < 1 || code > 49) {
            throw new IllegalArgumentException("annotation code " + code + " is outside 1..49");
        }
        aux = aux == null ? "" : aux;
    }

    public static Annotation of(long sample, char mnemonic) {
        return new Annotation(sample, AnnotationCodes.code(mnemonic), 0, 0, 0, "");
    }

    /** The one-character mnemonic ({@code 'N'}, {@code 'V'}, {@code '+'}, …) or {@code '?'} if unknown. */
    public char mnemonic() {
        return AnnotationCodes.mnemonic(code);
    }

    /** True for the beat types that count as QRS complexes in AAMI EC57 QRS detection tests. */
    public boolean isBeat() {
        return AnnotationCodes.isBeat(code);
    }
}
