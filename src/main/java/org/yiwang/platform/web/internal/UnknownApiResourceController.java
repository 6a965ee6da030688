package org.yiwang.platform.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fallback of {@code /api/**}: any path or method no API controller serves gets a 404 problem document
 * rather than the HTML error page or Boot's plain JSON map. More specific mappings always win.
 */
@RestController
class UnknownApiResourceController {

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No API resource answers " + request.getMethod() + " " + request.getRequestURI());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
