package org.yiwang.ecg.format;

import java.util.Arrays;

/**
 * A growing list of integers parsed from whitespace-separated text that may arrive in pieces (XML character
 * events), stopping at {@code limit} values. Errors are reported by the caller from {@link #error()}.
 */
final class IntDigits {

    private final long limit;
    private int[] values = new int[1024];
    private int size;
    private long current;
    private boolean inToken;
    private boolean negative;
    private int tokenDigits;
    private String error;
    private StringBuilder badToken;

    IntDigits(long limit) {
        this.limit = limit;
    }

    /** Feeds characters; returns false once an error occurred (see {@link #error()}) or the limit was passed. */
    boolean feed(char[] text, int start, int length) {
        for (int i = start; i < start + length && error == null; i++) {
            char c = text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                endToken();
            } else if (badToken != null) {
                badToken.append(c);
            } else if (c >= '0' && c <= '9') {
                inToken = true;
                current = current * 10 + (c - '0');
                if (++tokenDigits > 10) {
                    startBad(c);
                }
            } else if ((c == '-' || c == '+') && !inToken) {
                inToken = true;
                negative = c == '-';
            } else {
                startBad(c);
            }
        }
        return error == null;
    }

    boolean feed(String text) {
        return feed(text.toCharArray(), 0, text.length());
    }

    /** Ends the last token; returns false on error. */
    boolean finish() {
        endToken();
        return error == null;
    }

    private void startBad(char c) {
        StringBuilder token = new StringBuilder();
        if (negative) {
            token.append('-');
        }
        if (tokenDigits > 0) {
            token.append(current);
        }
        token.append(c);
        badToken = token;
        inToken = true;
    }

    private void endToken() {
        if (!inToken) {
            return;
        }
        if (badToken != null) {
            error = "'" + clip(badToken) + "' (value " + (size + 1) + ") is not an integer";
        } else if (tokenDigits == 0) {
            error = "a sign without digits at value " + (size + 1);
        } else {
            long v = negative ? -current : current;
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                error = "value " + (size + 1) + " (" + v + ") is out of range";
            } else if (size >= limit) {
                error = "more than " + limit + " values";
                tooMany = true;
            } else {
                if (size == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(limit, Math.max(1024L, (long) size * 2)));
                }
                values[size++] = (int) v;
            }
        }
        inToken = false;
        negative = false;
        current = 0;
        tokenDigits = 0;
        badToken = null;
    }

    private boolean tooMany;

    /** True if the error is that there were more than {@code limit} values. */
    boolean tooMany() {
        return tooMany;
    }

    private static String clip(CharSequence s) {
        return s.length() <= 30 ? s.toString() : s.subSequence(0, 30) + "…";
    }

    long limit() {
        return limit;
    }

    String error() {
        return error;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return values.length == size ? values : Arrays.copyOf(values, size);
    }
}
