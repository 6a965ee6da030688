package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.yiwang.ecg.EcgIntakeException;
import org.yiwang.platform.web.ClientLanguage;

/**
 * Intake problems as RFC 9457 problem+json in the client's language (Accept-Language for device gateways, the
 * page's language for the upload page), with a stable {@code code} and, for form fields, {@code errors} naming the
 * field. Ahead of the platform's generic API advice, which would answer every invalid input with a 400.
 */
@RestControllerAdvice(assignableTypes = {EcgApiController.class, EcgUploadController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class EcgIntakeProblems {

    private final MessageSource messages;

    EcgIntakeProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(EcgIntakeException.class)
    ResponseEntity<ProblemDetail> intake(EcgIntakeException e, HttpServletRequest request) {
        Locale locale = request.getRequestURI().startsWith("/api/")
                ? ClientLanguage.of(request.getHeader("Accept-Language")) : LocaleContextHolder.getLocale();
        String detail = messages.getMessage(e.messageKey(), e.arguments().toArray(), e.getMessage(), locale);
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", e.code());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", detail)));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
