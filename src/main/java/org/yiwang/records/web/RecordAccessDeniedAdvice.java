package org.yiwang.records.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.records.EntryWriteDeniedException;
import org.yiwang.records.RecordAccessDeniedException;
import org.yiwang.records.UnhideableEntryException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read of a record without a ground for it: pages answer 403 with a page that says there is no care relationship
 * and offers the emergency override to those who may use it; {@code /api} and {@code /fhir} callers (and clients
 * that accept only JSON) get a 403 problem document. Ordered first, so that the APIs' catch-all handler does not make
 * a refusal a server fault. Also answers a refused hide of a notifiable disease as 409.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordAccessDeniedAdvice {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;
    private final CurrentActor currentActor;

    RecordAccessDeniedAdvice(MessageSource messages, CurrentActor currentActor) {
        this.messages = messages;
        this.currentActor = currentActor;
    }

    @ExceptionHandler(RecordAccessDeniedException.class)
    ModelAndView denied(RecordAccessDeniedException e, HttpServletRequest request, HttpServletResponse response,
                        Locale locale) throws IOException {
        if (wantsProblem(request)) {
            problem(response, HttpStatus.FORBIDDEN, messages.getMessage("records.access.denied.title", null, locale),
                    messages.getMessage("records.access.denied.problem", null, locale), e.residentId());
            return null;
        }
        ModelAndView page = new ModelAndView("records/access/denied");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("residentId", e.residentId());
        page.addObject("breakGlassOffered", e.breakGlassOffered());
        page.addObject("actor", currentActor.current().orElse(null));
        return page;
    }

    @ExceptionHandler(EntryWriteDeniedException.class)
    void writeDenied(EntryWriteDeniedException e, HttpServletRequest request, HttpServletResponse response,
                     Locale locale) throws IOException {
        String message = messages.getMessage("records.access.write.denied", null, locale);
        if (wantsProblem(request)) {
            problem(response, HttpStatus.FORBIDDEN, messages.getMessage("records.access.denied.title", null, locale),
                    message, null);
        } else {
            response.sendError(HttpStatus.FORBIDDEN.value(), message);
        }
    }

    @ExceptionHandler(UnhideableEntryException.class)
    ModelAndView unhideable(UnhideableEntryException e, HttpServletRequest request, HttpServletResponse response,
                            Locale locale) throws IOException {
        String message = messages.getMessage(UnhideableEntryException.MESSAGE_KEY, new Object[] {e.code()}, locale);
        if (wantsProblem(request)) {
            problem(response, HttpStatus.CONFLICT, messages.getMessage("records.access.consent.unhideable.title", null,
                    locale), message, null);
            return null;
        }
        ModelAndView page = new ModelAndView("records/access/unhideable");
        page.setStatus(HttpStatus.CONFLICT);
        page.addObject("message", message);
        page.addObject("actor", currentActor.current().orElse(null));
        return page;
    }

    private static boolean wantsProblem(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/fhir/") || path.equals("/fhir")) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && !accept.contains("text/html") && (accept.contains("json"));
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String title, String detail,
                                Long residentId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (residentId != null) {
            body.put("residentId", residentId);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
