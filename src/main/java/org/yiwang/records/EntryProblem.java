package org.yiwang.records;

import java.util.Arrays;
import java.util.List;

/**
 * What is wrong with one field of a {@link NewEntry}: a message key of the {@code records} bundle and its arguments.
 */
public record EntryProblem(String field, String messageKey, List<String> arguments) {

    public EntryProblem {
        arguments = List.copyOf(arguments);
    }

    static EntryProblem of(String field, String messageKey, Object... arguments) {
        return new EntryProblem(field, messageKey, Arrays.stream(arguments).map(String::valueOf).toList());
    }

    public Object[] argumentArray() {
        return arguments.toArray();
    }
}
