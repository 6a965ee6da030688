package org.yiwang.platform.crypto;

/**
 * How many characters {@link Masking} leaves visible at each end of an identifier (MASK-03: one rule per field,
 * configurable). Defaults: ID numbers keep 4 + 4 ({@code 5101**********1234}), phones 3 + 4 ({@code 138****5678}).
 */
public record MaskingRules(int idKeepStart, int idKeepEnd, int phoneKeepStart, int phoneKeepEnd) {

    public static final MaskingRules DEFAULTS = new MaskingRules(4, 4, 3, 4);

    public MaskingRules {
        if (idKeepStart < 0 || idKeepEnd < 0 || phoneKeepStart < 0 || phoneKeepEnd < 0) {
            throw new IllegalArgumentException("Masking keep counts must not be negative: " + idKeepStart + "/"
                    + idKeepEnd + ", " + phoneKeepStart + "/" + phoneKeepEnd);
        }
    }
}
