package org.yiwang.mpi;

import org.yiwang.platform.web.InvalidInputException;

/** A resident ID number that fails validation; carries the precise, localisable reason. */
public class InvalidResidentIdNumberException extends InvalidInputException {

    private final transient IdNumberError error;

    public InvalidResidentIdNumberException(IdNumberError error) {
        super("Invalid resident ID number: " + error);
        this.error = error;
    }

    public IdNumberError error() {
        return error;
    }
}
