package org.yiwang.ecg;

/**
 * Whether a signed report's signature verifies over the report as stored now and the recording's files.
 *
 * @param valid    the signature verifies with the signer's public key
 * @param problem  why not ({@code signature} = the report or its files changed since signing; {@code key} = the
 *                 signing key is missing), null when valid
 */
public record SignatureCheck(boolean valid, String problem) {

    static SignatureCheck ok() {
        return new SignatureCheck(true, null);
    }

    static SignatureCheck failed(String problem) {
        return new SignatureCheck(false, problem);
    }
}
