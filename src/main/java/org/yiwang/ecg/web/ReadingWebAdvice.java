package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.yiwang.platform.web.InvalidInputException;

/** Bad input on the reading pages (a malformed page position or date) is a 400 error page that names it. */
@ControllerAdvice(assignableTypes = {WorklistController.class, ClinicInboxController.class, TurnaroundController.class})
class ReadingWebAdvice {

    @ExceptionHandler(InvalidInputException.class)
    void badInput(InvalidInputException e, HttpServletResponse response) throws IOException {
        response.sendError(400, e.getMessage());
    }
}
