package org.yiwang.ecg.format;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * An ECG upload that cannot be read. {@link #problem()} is the stable code, {@link #arguments()} the pieces for the
 * placeholders of message key {@code ecg.format.problem.<CODE>}, {@link #getMessage()} a precise English sentence.
 */
public class EcgFormatException extends IOException {

    private final EcgFormatProblem problem;
    private final List<String> arguments;

    public EcgFormatException(EcgFormatProblem problem, String detail, Object... arguments) {
        super(detail);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.arguments = java.util.Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public EcgFormatProblem problem() {
        return problem;
    }

    /** Placeholder values, already formatted (numbers without grouping). */
    public List<String> arguments() {
        return arguments;
    }

    /** The message key for the web layer. */
    public String messageKey() {
        return "ecg.format.problem." + problem.name();
    }
}
