package org.yiwang.mpi;

import java.util.List;
import java.util.stream.Collectors;
import org.yiwang.platform.web.InvalidInputException;

/** A registration or edit refused for bad input; lists every invalid field with a localisable message. */
public class ResidentInputException extends InvalidInputException {

    private final transient List<FieldProblem> problems;

    public ResidentInputException(List<FieldProblem> problems) {
        super("Invalid resident data: " + problems.stream().map(p -> p.field() + " " + p.messageKey())
                .collect(Collectors.joining(", ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
