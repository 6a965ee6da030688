package org.yiwang.ecg;

import java.util.List;
import org.yiwang.platform.web.InvalidInputException;

/**
 * An upload that cannot be taken as sent: the HTTP status to answer, a stable code for device gateways, the message
 * key ({@code ecg.intake.problem.<CODE>} or {@code ecg.format.problem.<CODE>}) with its arguments for the client's
 * language, the English message, and the form field it concerns (null when none).
 */
public class EcgIntakeException extends InvalidInputException {

    private final int status;
    private final String code;
    private final String messageKey;
    private final List<String> arguments;
    private final String field;

    public EcgIntakeException(int status, String code, String messageKey, String field, String englishMessage,
                              Object... arguments) {
        super(englishMessage);
        this.status = status;
        this.code = code;
        this.messageKey = messageKey;
        this.field = field;
        this.arguments = java.util.Arrays.stream(arguments).map(String::valueOf).toList();
    }

    /** A problem of intake itself, message key {@code ecg.intake.problem.<code>}. */
    static EcgIntakeException of(int status, String code, String field, String englishMessage, Object... arguments) {
        return new EcgIntakeException(status, code, "ecg.intake.problem." + code, field, englishMessage, arguments);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> arguments() {
        return arguments;
    }

    public String field() {
        return field;
    }
}
