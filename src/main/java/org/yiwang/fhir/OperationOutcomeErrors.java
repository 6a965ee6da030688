package org.yiwang.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.yiwang.mpi.FieldProblem;
import org.yiwang.mpi.IdempotencyKeyReusedException;
import org.yiwang.mpi.InvalidResidentIdNumberException;
import org.yiwang.mpi.ResidentInputException;
import org.yiwang.mpi.ResidentNotFoundException;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.records.EntryConflictException;
import org.yiwang.records.EntryWriteDeniedException;
import org.yiwang.records.EntryInputException;
import org.yiwang.records.EntryNotFoundException;
import org.yiwang.records.EntryProblem;
import org.yiwang.records.RecordAccessDeniedException;

/**
 * Every refusal as an OperationOutcome with the right 4xx, never a 500 for bad input: the modules' exceptions
 * (which HAPI would answer with 500) are translated here, with the master index's field messages in the client's
 * language (Accept-Language; Chinese by default), one issue per field, its FHIRPath in {@code expression} and its
 * message key in {@code details}.
 *
 * <ul>
 * <li>400: unreadable resource (malformed JSON), malformed values (e.g. an ID number with a wrong check digit),
 * unknown identifier systems;</li>
 * <li>404: unknown id or resource type; 405: interactions not offered (HAPI says 400);</li>
 * <li>409: an identity document held by another resident, a stale version without If-Match; 412: a stale
 * If-Match;</li>
 * <li>422: well-formed values that break a rule (the ID number says female but the gender is male, a village
 * outside the county, an Idempotency-Key reused for another request).</li>
 * </ul>
 */
@Interceptor
class OperationOutcomeErrors {

    private static final Logger log = LoggerFactory.getLogger(OperationOutcomeErrors.class);

    /** Well-formed values that break a business rule: 422. */
    private static final Set<String> BUSINESS_RULES = Set.of(
            "mpi.birthDate.error.DOCUMENT_MISMATCH", "mpi.sex.error.DOCUMENT_SAYS_FEMALE",
            "mpi.sex.error.DOCUMENT_SAYS_MALE", "mpi.division.error.UNKNOWN", "mpi.guardian.error.NOT_ADULT",
            "mpi.guardian.error.NOT_FOUND", "mpi.guardian.error.REQUIRED_WITHOUT_DOCUMENT", "mpi.guardian.error.SELF",
            "mpi.household.error.NOT_FOUND", "mpi.document.error.ENTERED_TWICE");
    private static final Set<String> CONFLICTS = Set.of("mpi.document.error.ALREADY_REGISTERED",
            "mpi.document.error.CONCURRENT");
    private static final String STALE = "mpi.edit.error.STALE";

    /** The master index's field names as FHIRPath of a Patient. */
    private static final Map<String, String> PATIENT_PATHS = Map.ofEntries(
            Map.entry("name", "Patient.name"), Map.entry("sex", "Patient.gender"),
            Map.entry("birthDate", "Patient.birthDate"),
            Map.entry("ethnicity", "Patient.extension('" + FhirSystems.ETHNICITY_EXTENSION + "')"),
            Map.entry("documents", "Patient.identifier"), Map.entry("phones", "Patient.telecom"),
            Map.entry("divisionCode", "Patient.address.extension('" + FhirSystems.DIVISION_EXTENSION + "')"),
            Map.entry("address", "Patient.address"), Map.entry("guardian", "Patient.contact"),
            Map.entry("household", "Patient.link"), Map.entry("version", "Patient.meta.versionId"),
            Map.entry("reason", "X-Reason"));

    private final MessageSource messages;

    OperationOutcomeErrors(MessageSource messages) {
        this.messages = messages;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
        Locale language = FhirRequests.language(request == null ? null : request.getHeader("Accept-Language"));
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            BaseServerResponseException translated = translate(cause, request, language);
            if (translated != null) {
                return translated;
            }
        }
        if (thrown instanceof InvalidRequestException invalid && invalid.getMessage() != null
                && invalid.getMessage().contains("does not know how to handle")) {
            // HAPI answers an interaction no provider offers (DELETE, history, …) with 400; it is a 405
            MethodNotAllowedException notAllowed = new MethodNotAllowedException("This server does not offer "
                    + (request == null ? "this interaction" : request.getRequestType() + " " + request.getRequestPath())
                    + "; see the CapabilityStatement at /fhir/metadata for what it offers.");
            return withIssue(notAllowed, OperationOutcome.IssueType.NOTSUPPORTED, null, null);
        }
        if (thrown instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            return response;
        }
        log.error("FHIR request {} failed", request == null ? "" : request.getCompleteUrl(), thrown);
        return null;
    }

    private BaseServerResponseException translate(Throwable cause, RequestDetails request, Locale language) {
        return switch (cause) {
            case ResidentInputException invalid -> residentInput(invalid, request, language);
            case InvalidResidentIdNumberException invalid -> withIssue(new InvalidRequestException(
                    message(invalid.error().messageKey(), invalid.error().arguments(), language)),
                    OperationOutcome.IssueType.VALUE, "Patient.identifier", invalid.error().messageKey());
            case IdempotencyKeyReusedException reused -> withIssue(new UnprocessableEntityException(reused.getMessage()),
                    OperationOutcome.IssueType.DUPLICATE, "Idempotency-Key", null);
            case ResidentNotFoundException missing -> new ResourceNotFoundException(missing.getMessage());
            case AccessDeniedException denied -> new ForbiddenOperationException(denied.getMessage());
            case FhirInputException invalid -> withIssue(new InvalidRequestException(invalid.getMessage()),
                    OperationOutcome.IssueType.INVALID, invalid.expression(), null);
            case DataFormatException unreadable -> withIssue(new InvalidRequestException(
                    "The resource cannot be read: " + unreadable.getMessage()),
                    OperationOutcome.IssueType.STRUCTURE, null, null);
            case BundleEntryException entry -> bundleEntry(entry, request, language);
            case EntryInputException invalid -> entryInput(invalid, language);
            case RecordAccessDeniedException denied -> withIssue(new ForbiddenOperationException(denied.getMessage()),
                    OperationOutcome.IssueType.FORBIDDEN, null, null);
            case EntryWriteDeniedException refused -> withIssue(new ForbiddenOperationException(refused.getMessage()),
                    OperationOutcome.IssueType.FORBIDDEN, null, null);
            case EntryConflictException conflict -> withIssue(new ResourceVersionConflictException(conflict.getMessage()),
                    OperationOutcome.IssueType.CONFLICT, null, null);
            case EntryNotFoundException missing -> withIssue(new ResourceNotFoundException(missing.getMessage()),
                    OperationOutcome.IssueType.NOTFOUND, null, null);
            case InvalidInputException invalid -> new InvalidRequestException(invalid.getMessage());
            default -> null;
        };
    }

    /** One issue per problem of the entry, in the client's language, its field as the expression. */
    private BaseServerResponseException entryInput(EntryInputException invalid, Locale language) {
        OperationOutcome outcome = new OperationOutcome();
        StringBuilder summary = new StringBuilder();
        for (EntryProblem problem : invalid.problems()) {
            String text = message(problem.messageKey(), problem.argumentArray(), language);
            summary.append(summary.isEmpty() ? "" : " ").append(problem.field()).append(": ").append(text);
            var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.VALUE).setDiagnostics(text).addExpression(problem.field());
            issue.getDetails().addCoding().setSystem(FhirSystems.MESSAGE_KEY_SYSTEM).setCode(problem.messageKey());
        }
        InvalidRequestException exception = new InvalidRequestException(summary.toString());
        exception.setOperationOutcome(outcome);
        return exception;
    }

    /** The refusal of the entry's own problem, every expression and message prefixed with the bundle entry. */
    private BaseServerResponseException bundleEntry(BundleEntryException entry, RequestDetails request,
            Locale language) {
        BaseServerResponseException inner = null;
        for (Throwable cause = entry.getCause(); cause != null && inner == null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            inner = cause instanceof BaseServerResponseException response ? response
                    : translate(cause, request, language);
        }
        if (inner == null) {
            return null;
        }
        String prefix = entry.path() + " (" + entry.resourceType() + "): ";
        OperationOutcome outcome = inner.getOperationOutcome() instanceof OperationOutcome oo ? oo : new OperationOutcome();
        if (outcome.getIssue().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING).setDiagnostics(inner.getMessage());
        }
        for (var issue : outcome.getIssue()) {
            issue.setDiagnostics(prefix + issue.getDiagnostics());
            if (issue.getExpression().isEmpty()) {
                issue.addExpression(entry.path());
            } else {
                issue.getExpression().forEach(e -> e.setValue(e.getValue().startsWith(entry.resourceType() + ".")
                        ? entry.path() + ".resource" + e.getValue().substring(entry.resourceType().length())
                        : entry.path() + ".resource." + e.getValue()));
            }
        }
        BaseServerResponseException outer;
        try {
            outer = inner.getClass().getConstructor(String.class).newInstance(prefix + inner.getMessage());
        } catch (ReflectiveOperationException e) {
            outer = new InvalidRequestException(prefix + inner.getMessage());
        }
        outer.setOperationOutcome(outcome);
        return outer;
    }

    private BaseServerResponseException residentInput(ResidentInputException invalid, RequestDetails request,
            Locale language) {
        OperationOutcome outcome = new OperationOutcome();
        boolean conflict = false;
        boolean stale = false;
        boolean business = true;
        StringBuilder summary = new StringBuilder();
        for (FieldProblem problem : invalid.problems()) {
            conflict |= CONFLICTS.contains(problem.messageKey());
            stale |= STALE.equals(problem.messageKey());
            business &= BUSINESS_RULES.contains(problem.messageKey());
            String text = message(problem.messageKey(), problem.argumentArray(), language) + hint(problem);
            summary.append(summary.isEmpty() ? "" : " ").append(text);
            var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(CONFLICTS.contains(problem.messageKey()) ? OperationOutcome.IssueType.DUPLICATE
                            : BUSINESS_RULES.contains(problem.messageKey()) ? OperationOutcome.IssueType.BUSINESSRULE
                            : OperationOutcome.IssueType.VALUE)
                    .setDiagnostics(text);
            issue.getDetails().addCoding().setSystem(FhirSystems.MESSAGE_KEY_SYSTEM).setCode(problem.messageKey());
            issue.getDetails().setText(problem.field());
            String field = problem.field().replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
            if (PATIENT_PATHS.containsKey(field)) {
                issue.addExpression(PATIENT_PATHS.get(field));
            }
        }
        BaseServerResponseException exception;
        if (stale) {
            boolean ifMatch = request != null && request.getHeader("If-Match") != null;
            exception = ifMatch ? new PreconditionFailedException(summary.toString())
                    : new ResourceVersionConflictException(summary.toString());
        } else if (conflict) {
            exception = new ResourceVersionConflictException(summary.toString());
        } else if (business) {
            exception = new UnprocessableEntityException(summary.toString());
        } else {
            exception = new InvalidRequestException(summary.toString());
        }
        exception.setOperationOutcome(outcome);
        return exception;
    }

    /** Where a FHIR client puts what the master index missed. */
    private static String hint(FieldProblem problem) {
        return switch (problem.messageKey()) {
            case "mpi.ethnicity.error.UNKNOWN" -> " (FHIR: extension " + FhirSystems.ETHNICITY_EXTENSION
                    + " with a GB 3304 valueCoding, e.g. 01)";
            case "mpi.division.error.REQUIRED", "mpi.division.error.UNKNOWN" -> " (FHIR: Patient.address extension "
                    + FhirSystems.DIVISION_EXTENSION + " with the 12-digit village code of the county)";
            default -> "";
        };
    }

    private static BaseServerResponseException withIssue(BaseServerResponseException exception,
            OperationOutcome.IssueType type, String expression, String messageKey) {
        OperationOutcome outcome = new OperationOutcome();
        var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                .setDiagnostics(exception.getMessage());
        if (expression != null) {
            issue.addExpression(expression);
        }
        if (messageKey != null) {
            issue.getDetails().addCoding().setSystem(FhirSystems.MESSAGE_KEY_SYSTEM).setCode(messageKey);
        }
        exception.setOperationOutcome(outcome);
        return exception;
    }

    private String message(String key, Object[] arguments, Locale language) {
        return messages.getMessage(key, arguments, key, language);
    }
}
