package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/** Field name to message key, for re-rendering a form with a 400 status. */
final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Errors of an edit form, starting with a version that did not bind (a tampered or broken form). */
    static FieldErrors forEdit(BindingResult binding) {
        FieldErrors errors = new FieldErrors();
        if (binding.hasFieldErrors("version")) {
            errors.errors.put("version", "registry.error.version");
        }
        return errors;
    }

    Map<String, String> asMap() {
        return errors;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void putAll(Map<String, String> more) {
        more.forEach(errors::putIfAbsent);
    }

    BigDecimal decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "registry.error.number");
            return null;
        }
    }

    Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "registry.error.number");
            return null;
        }
    }

    Long id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "registry.error.number");
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            errors.put(field, "registry.error.required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, "registry.error.choice");
            return null;
        }
    }

    /** Puts the errors into the model and marks the response as a client error. */
    void show(Model model, HttpServletResponse response) {
        model.addAttribute("errors", errors);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
}
