package org.yiwang.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * HAPI's plain server, writing each response in one piece.
 *
 * <p>HAPI's JSON writer hands every string field to Jackson's {@code ObjectMapper.writeValue}, which flushes after
 * each value; through the servlet writer each flush became a socket write and an HTTP chunk, dozens per resource
 * (a tenth of the server's CPU on {@code Observation} searches, and the client parses every chunk). Here flushes
 * are held back: the container still sends whenever its response buffer fills and when the response completes,
 * so small responses go out at once with a {@code Content-Length} and large ones stream as before.
 */
class FhirServlet extends RestfulServer {

    FhirServlet(FhirContext context) {
        super(context);
    }

    @Override
    protected void handleRequest(RequestTypeEnum requestType, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        super.handleRequest(requestType, request, new FlushDeferringResponse(response));
    }

    /** A response whose writer and stream ignore {@code flush()}; {@code close()} still completes the response. */
    static final class FlushDeferringResponse extends HttpServletResponseWrapper {

        private PrintWriter writer;
        private ServletOutputStream stream;

        FlushDeferringResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(super.getWriter(), false) {
                    @Override
                    public void flush() {
                        // held back: see the class comment
                    }
                };
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        target.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() {
                        // held back: see the class comment
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }

                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
