package org.yiwang.ecg.format;

/** The WFDB sample storage formats this reader and writer handle. */
public enum WfdbSignalFormat {
    /** Two 12-bit two's-complement samples in three bytes. */
    FORMAT_212(212, -2048, 2047),
    /** 16-bit two's-complement little-endian samples. */
    FORMAT_16(16, -32768, 32767);

    private final int code;
    private final int minimum;
    private final int maximum;

    WfdbSignalFormat(int code, int minimum, int maximum) {
        this.code = code;
        this.minimum = minimum;
        this.maximum = maximum;
    }

    public int code() {
        return code;
    }

    public int minimumValue() {
        return minimum;
    }

    public int maximumValue() {
        return maximum;
    }

    static WfdbSignalFormat ofCode(int code) {
        for (WfdbSignalFormat format : values()) {
            if (format.code == code) {
                return format;
            }
        }
        return null;
    }
}
