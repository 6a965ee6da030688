package org.yiwang.mpi;

import org.yiwang.platform.web.InvalidInputException;

/** An identity-document number that fails validation; carries the precise, localisable reason. */
public class InvalidIdentityDocumentException extends InvalidInputException {

    private final transient DocumentError error;

    public InvalidIdentityDocumentException(DocumentError error) {
        super("Invalid identity document number: " + error);
        this.error = error;
    }

    public DocumentError error() {
        return error;
    }
}
