package org.yiwang.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The platform's API-token chain answers an unauthenticated or forbidden request with {@code problem+json}; a FHIR
 * client expects an OperationOutcome. This filter sits outside the security chain on {@code /fhir/*}, holds back
 * what the chain writes with a 401 or 403 and answers the same status with an OperationOutcome instead. Responses
 * of any other status pass through untouched, and so does a 401 or 403 that the HAPI server answers itself as FHIR
 * (a missing care relationship names the resident and whether an emergency override would help).
 */
class AuthenticationOutcomeFilter extends OncePerRequestFilter {

    private final FhirContext context;

    AuthenticationOutcomeFilter(FhirContext context) {
        this.context = context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Capture capture = new Capture(response);
        chain.doFilter(request, capture);
        if (!capture.captured()) {
            capture.flushWriter();
            return;
        }
        boolean unauthenticated = capture.status == HttpServletResponse.SC_UNAUTHORIZED;
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(unauthenticated ? OperationOutcome.IssueType.LOGIN : OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(unauthenticated
                        ? "A valid API token of your organisation is required: send 'Authorization: Bearer yw_…'."
                        : "This API client may not use this resource.");
        response.setStatus(capture.status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        if (unauthenticated) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"yiwang-fhir\"");
        }
        response.getOutputStream().write(context.newJsonParser().encodeResourceToString(outcome)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Holds back the body written after a 401/403 status; everything else goes straight to the response. */
    private static final class Capture extends HttpServletResponseWrapper {

        private int status = SC_OK;
        private boolean fhirAnswer;
        private ByteArrayOutputStream held;
        private PrintWriter heldWriter;

        Capture(HttpServletResponse response) {
            super(response);
        }

        boolean captured() {
            return !fhirAnswer && (held != null || status == SC_UNAUTHORIZED || status == SC_FORBIDDEN);
        }

        private boolean holding() {
            return !fhirAnswer && (status == SC_UNAUTHORIZED || status == SC_FORBIDDEN);
        }

        void flushWriter() {
            if (heldWriter != null) {
                heldWriter.flush();
            }
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            if (!holding()) {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc, String message) throws IOException {
            status = sc;
            if (!holding()) {
                super.sendError(sc, message);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendError(sc, null);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentType(String type) {
            if (holding() && type != null && type.contains("fhir") && held == null) {
                // the FHIR server's own refusal (it sets status, then type, then writes): let it through as it is
                fhirAnswer = true;
                super.setStatus(status);
            }
            if (!holding()) {
                super.setContentType(type);
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!holding()) {
                return super.getWriter();
            }
            if (heldWriter == null) {
                held = held == null ? new ByteArrayOutputStream() : held;
                heldWriter = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8));
            }
            return heldWriter;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!holding()) {
                return super.getOutputStream();
            }
            held = held == null ? new ByteArrayOutputStream() : held;
            ByteArrayOutputStream target = held;
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    target.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
        }
    }
}
