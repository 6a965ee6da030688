package org.yiwang.mpi;

/** No living resident with this id. */
public class ResidentNotFoundException extends RuntimeException {

    public ResidentNotFoundException(long id) {
        super("No resident " + id);
    }
}
