package org.yiwang.mpi;

import java.util.Arrays;
import java.util.List;

/**
 * One invalid field of a resident registration or edit: the field's name as the form and the JSON API call it
 * (e.g. {@code documents[0].number}), a message-bundle key and its arguments.
 */
public record FieldProblem(String field, String messageKey, List<String> arguments) {

    public FieldProblem {
        arguments = List.copyOf(arguments);
    }

    static FieldProblem of(String field, String messageKey, Object... arguments) {
        return new FieldProblem(field, messageKey, Arrays.stream(arguments).map(String::valueOf).toList());
    }

    public Object[] argumentArray() {
        return arguments.toArray();
    }
}
