package org.yiwang.mpi.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.yiwang.platform.web.ClientLanguage;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.mpi.DuplicateCandidate;
import org.yiwang.mpi.IdempotencyKeyReusedException;
import org.yiwang.mpi.ResidentDetails;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.ResidentDraft;
import org.yiwang.mpi.ResidentInputException;
import org.yiwang.mpi.ResidentNotFoundException;
import org.yiwang.mpi.ResidentRegistration;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.web.InvalidInputException;

/**
 * Residents for clinics' systems (bearer token of an organisation): register with an {@code Idempotency-Key}
 * (township networks drop connections and clients retry), read one, search. Identifiers are masked; errors are
 * RFC 9457 problem documents listing each invalid field with a message in the client's language
 * ({@code Accept-Language}, Chinese by default).
 */
@RestController
@RequestMapping("/api/mpi/residents")
class ResidentApiController {

    static final String DEFAULT_PURPOSE = "clinic system: resident lookup";
    private static final int MAX_KEY_LENGTH = 200;

    private final ResidentRegistration registration;
    private final ResidentDirectory directory;
    private final Residents residents;
    private final MessageSource messages;

    ResidentApiController(ResidentRegistration registration, ResidentDirectory directory, Residents residents,
            MessageSource messages) {
        this.registration = registration;
        this.directory = directory;
        this.residents = residents;
        this.messages = messages;
    }

    record Created(long id, String healthRecordNumber, List<Candidate> likelyExisting) {
    }

    record Candidate(long id, String healthRecordNumber, List<DuplicateCandidate.Reason> reasons, double score) {
    }

    @PostMapping
    ResponseEntity<Created> register(@RequestBody ResidentDraft draft,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("The Idempotency-Key header has at most " + MAX_KEY_LENGTH + " characters.");
        }
        ResidentRegistration.Registered registered = registration.registerForClient(key, draft.toString(), draft);
        Created body = new Created(registered.residentId(), registered.healthRecordNumber(),
                registered.likelyExisting().stream().map(c -> new Candidate(c.resident().id(),
                        c.resident().healthRecordNumber(), List.copyOf(c.reasons()), c.score())).toList());
        var response = ResponseEntity.created(URI.create("/api/mpi/residents/" + registered.residentId()));
        if (registered.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(body);
    }

    /**
     * One resident. A clinic system may hold the id of a record merged since into another: it gets the survivor,
     * whose URL the {@code Content-Location} header names (an unmerge makes the old id answer for itself again).
     */
    @GetMapping("/{id}")
    ResponseEntity<ResidentDetails> get(@PathVariable long id,
            @RequestHeader(name = "X-Purpose", required = false) String purpose) {
        long current = residents.resolve(id).orElseThrow(() -> new ResidentNotFoundException(id));
        ResidentDetails details = directory.details(current, purposeOrDefault(purpose))
                .orElseThrow(() -> new ResidentNotFoundException(id));
        var response = ResponseEntity.ok();
        if (current != id) {
            response.header(HttpHeaders.CONTENT_LOCATION, "/api/mpi/residents/" + current);
        }
        return response.body(details);
    }

    @GetMapping
    ResidentDirectory.Page search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
            @RequestParam(defaultValue = "0") long after,
            @RequestHeader(name = "X-Purpose", required = false) String purpose) {
        if (q.isBlank() && birthDate == null) {
            throw new InvalidInputException("Give a search term 'q' (document number, phone, name, pinyin, "
                    + "health-record number) or a 'birthDate'.");
        }
        return directory.search(q, birthDate, after, purposeOrDefault(purpose));
    }

    private static String purposeOrDefault(String purpose) {
        return purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip();
    }

    /** One invalid field, with the message in the client's language. */
    record FieldError(String field, String code, String message) {
    }

    @ExceptionHandler(ResidentInputException.class)
    ProblemDetail invalid(ResidentInputException exception, jakarta.servlet.http.HttpServletRequest request) {
        Locale language = language(request.getHeader("Accept-Language"));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The resident has invalid fields; see 'errors'.");
        problem.setTitle("Invalid resident");
        problem.setProperty("errors", exception.problems().stream()
                .map(p -> new FieldError(p.field(), p.messageKey(),
                        messages.getMessage(p.messageKey(), p.argumentArray(), p.messageKey(), language)))
                .toList());
        return problem;
    }

    /** The client's first choice of English or Chinese (Accept-Language), Chinese when it names neither. */
    static Locale language(String acceptLanguage) {
        return ClientLanguage.of(acceptLanguage);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException exception) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, exception.getMessage());
        problem.setTitle("Idempotency-Key reused");
        return problem;
    }

    @ExceptionHandler(ResidentNotFoundException.class)
    ProblemDetail notFound(ResidentNotFoundException exception) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, exception.getMessage());
        problem.setTitle("Not found");
        return problem;
    }
}
