package org.yiwang.ecg.format;

/** A WFDB header, signal or annotation file that cannot be read; the message names the file and what is wrong. */
public class WfdbFormatException extends EcgFormatException {

    public WfdbFormatException(EcgFormatProblem problem, String detail, Object... arguments) {
        super(problem, detail, arguments);
    }

    /** A header problem ({@link EcgFormatProblem#BAD_WFDB_HEADER}) of {@code file}. */
    static WfdbFormatException header(String file, String detail) {
        String piece = detail.replaceFirst("^[:\\s]+", "");
        return new WfdbFormatException(EcgFormatProblem.BAD_WFDB_HEADER, file + detail, file, piece);
    }

    static WfdbFormatException annotations(String file, String detail) {
        return new WfdbFormatException(EcgFormatProblem.BAD_ANNOTATIONS, file + ": " + detail, file, detail);
    }
}
