package org.yiwang.ecg.format;

import java.io.IOException;

/** A WFDB header, signal or annotation file that cannot be read; the message names the file and what is wrong. */
public class WfdbFormatException extends IOException {

    public WfdbFormatException(String message) {
        super(message);
    }
}
