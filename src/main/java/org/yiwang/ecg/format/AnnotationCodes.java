package org.yiwang.ecg.format;

/** The standard MIT/WFDB annotation type codes and their mnemonics. */
public final class AnnotationCodes {

    public static final int NORMAL = 1;
    public static final int RHYTHM = 28;
    public static final int VF_ONSET = 32;
    public static final int VF_OFFSET = 33;

    /** Mnemonics indexed by code (codes 0..49); ' ' = unused. */
    private static final String MNEMONICS =
            " NLRaVFJASEj/Q~ | sT*D\"=pB^t+u?![]en@xf()r        ";

    /** AAMI EC57 beat labels: N L R B A a J S V r F e j n E / f Q. */
    private static final String BEATS = "NLRBAaJSVrFejnE/fQ";

    private AnnotationCodes() {
    }

    public static char mnemonic(int code) {
        if (code < 0 || code >= MNEMONICS.length() || MNEMONICS.charAt(code) == ' ') {
            return '?';
        }
        return MNEMONICS.charAt(code);
    }

    /** The code of a mnemonic; throws for unknown mnemonics. */
    public static int code(char mnemonic) {
        int code = MNEMONICS.indexOf(mnemonic);
        if (code <= 0) {
            throw new IllegalArgumentException("unknown annotation mnemonic '" + mnemonic + "'");
        }
        return code;
    }

    public static boolean isBeat(int code) {
        char m = mnemonic(code);
        return m != '?' && BEATS.indexOf(m) >= 0;
    }
}
