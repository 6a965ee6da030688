package org.yiwang.records;

/** No record entry (or attachment) with this id. */
public class EntryNotFoundException extends RuntimeException {

    public EntryNotFoundException(String what, long id) {
        super(what + " " + id + " not found");
    }
}
