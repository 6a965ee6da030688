package org.yiwang.ecg;

import java.util.List;
import java.util.stream.Collectors;
import org.yiwang.platform.web.InvalidInputException;

/** A report draft that cannot be signed, naming every problem; nothing was stored. */
public class ReportInputException extends InvalidInputException {

    private final List<ReportProblem> problems;

    public ReportInputException(List<ReportProblem> problems) {
        super("the report cannot be signed: " + problems.stream()
                .map(p -> p.field() + " (" + p.messageKey() + " " + p.args() + ")").collect(Collectors.joining(", ")));
        this.problems = List.copyOf(problems);
    }

    public List<ReportProblem> problems() {
        return problems;
    }
}
