package org.yiwang.records;

/**
 * The resident asked to hide an item the law requires to be shared: a notifiable infectious disease of the
 * 《中华人民共和国传染病防治法》 on the configured list ({@code yiwang.records.access.unhideable-codes}).
 */
public class UnhideableEntryException extends RuntimeException {

    /** Message-bundle key (records-access) of the explanation shown to the user, with the code as argument. */
    public static final String MESSAGE_KEY = "records.access.consent.unhideable";

    private final long entryId;
    private final String code;

    public UnhideableEntryException(long entryId, String code) {
        super("entry " + entryId + " (" + code + ") is a notifiable infectious disease under the Law of the People's "
                + "Republic of China on the Prevention and Control of Infectious Diseases (传染病防治法) and cannot be "
                + "hidden from other organisations");
        this.entryId = entryId;
        this.code = code;
    }

    public long entryId() {
        return entryId;
    }

    public String code() {
        return code;
    }
}
