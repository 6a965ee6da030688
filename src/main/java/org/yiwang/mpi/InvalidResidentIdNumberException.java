package org.yiwang.mpi;

/** A resident ID number that fails validation; carries the precise, localisable reason. */
public class InvalidResidentIdNumberException extends IllegalArgumentException {

    private final transient IdNumberError error;

    public InvalidResidentIdNumberException(IdNumberError error) {
        super("Invalid resident ID number: " + error);
        this.error = error;
    }

    public IdNumberError error() {
        return error;
    }
}
