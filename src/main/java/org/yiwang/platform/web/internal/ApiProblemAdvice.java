package org.yiwang.platform.web.internal;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.yiwang.platform.web.InvalidInputException;

/**
 * JSON APIs answer errors as RFC 9457 problem+json; validation failures list each field with its message
 * under {@code errors}; {@link InvalidInputException} is a 400 with its message. Anything else is a server
 * fault: a 500 naming the correlation id, never a stack trace or an internal message.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    /** One invalid field of a request body. */
    record FieldProblem(String field, String message, Object rejectedValue) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields; see 'errors'.");
        problem.setTitle("Invalid request");
        List<FieldProblem> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), e.getDefaultMessage(), safe(e.getRejectedValue())))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail badInput(InvalidInputException exception) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, exception.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception exception) throws Exception {
        if (exception instanceof AccessDeniedException || exception instanceof AuthenticationException) {
            throw exception; // Spring Security answers these with 401/403 problem documents
        }
        log.error("Unexpected API failure", exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the X-Request-Id header when reporting it.");
        problem.setTitle("Internal error");
        return problem;
    }

    /** Rejected values are echoed only when short and simple, never whole objects. */
    private static Object safe(Object value) {
        if (value instanceof String s) {
            return s.length() > 100 ? s.substring(0, 100) : s;
        }
        return value instanceof Number || value instanceof Boolean ? value : value == null ? null : Map.of();
    }
}
