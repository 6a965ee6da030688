package org.yiwang.records;

import java.util.List;
import java.util.stream.Collectors;
import org.yiwang.platform.web.InvalidInputException;

/** An entry refused for bad input; names every problem so the sender can fix them all at once. Nothing was stored. */
public class EntryInputException extends InvalidInputException {

    private final transient List<EntryProblem> problems;

    public EntryInputException(List<EntryProblem> problems) {
        super("Invalid record entry: " + problems.stream()
                .map(p -> p.field() + " " + p.messageKey() + (p.arguments().isEmpty() ? "" : " " + p.arguments()))
                .collect(Collectors.joining(", ")));
        this.problems = List.copyOf(problems);
    }

    public List<EntryProblem> problems() {
        return problems;
    }
}
