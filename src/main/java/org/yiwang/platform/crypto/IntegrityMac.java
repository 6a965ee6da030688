package org.yiwang.platform.crypto;

/** Keyed integrity code (HMAC-SM3, or HMAC-SHA-256) with a key reserved for tamper evidence such as the audit chain. */
public interface IntegrityMac {

    /** 32-byte MAC of the data. */
    byte[] mac(byte[] data);

    /** Algorithm name recorded next to MACs, e.g. {@code HMAC-SM3}. */
    String algorithm();
}
