package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.registry.InvalidRegistryInputException;

/** The end of an administration form's POST, the same for organisations, practitioners and care teams. */
final class FormSubmission {

    private FormSubmission() {
    }

    /**
     * Saves when parsing found no errors, flashes {@code saved} and redirects to the saved page ({@code savedPath}
     * followed by the id {@code save} answers). Otherwise, or when saving breaks a rule, re-renders the form with a
     * 400 and the field messages.
     */
    static String saveOrShowErrors(FieldErrors errors, LongSupplier save, String savedPath, Supplier<String> form,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (errors.isEmpty()) {
            try {
                long id = save.getAsLong();
                redirect.addFlashAttribute("saved", true);
                return "redirect:" + savedPath + id;
            } catch (InvalidRegistryInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        errors.show(model, response);
        return form.get();
    }
}
