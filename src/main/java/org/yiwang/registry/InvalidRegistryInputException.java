package org.yiwang.registry;

import java.util.Map;
import java.util.stream.Collectors;
import org.yiwang.platform.web.InvalidInputException;

/**
 * Registry input that breaks a rule: field name to message key (in the registry bundles). Forms re-render with
 * these messages next to the fields; APIs answer 400.
 */
public class InvalidRegistryInputException extends InvalidInputException {

    private final transient Map<String, String> fieldErrors;

    public InvalidRegistryInputException(Map<String, String> fieldErrors) {
        super("Invalid input: " + fieldErrors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** Field name to message key. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
