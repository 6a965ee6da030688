package org.yiwang.mpi;

/** Sex per GB/T 2261.1, stored by its code. */
public enum Sex {
    UNKNOWN(0),
    MALE(1),
    FEMALE(2),
    UNSPECIFIED(9);

    private final int code;

    Sex(int code) {
        this.code = code;
    }

    /** The GB/T 2261.1 code. */
    public int code() {
        return code;
    }

    public static Sex fromCode(int code) {
        for (Sex sex : values()) {
            if (sex.code == code) {
                return sex;
            }
        }
        throw new IllegalArgumentException("not a GB/T 2261.1 sex code: " + code);
    }

    public String messageKey() {
        return "mpi.sex." + name();
    }
}
