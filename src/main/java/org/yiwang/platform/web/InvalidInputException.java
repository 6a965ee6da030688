package org.yiwang.platform.web;

/**
 * Bad input from a user or a client system, with a message that says what to fix and is safe to show.
 * JSON APIs answer it as a 400 problem document; any other exception is treated as a server fault.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
