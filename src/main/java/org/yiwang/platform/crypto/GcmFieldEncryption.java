package org.yiwang.platform.crypto;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@link FieldEncryption} with SM4-GCM or AES-256-GCM (CRY-04). Layout of a ciphertext:
 * {@code suite byte | 12-byte random nonce | ciphertext | 16-byte tag}; the field context is the associated data,
 * so a value copied into another column fails authentication there.
 *
 * <p>Thread-safe: cipher and MAC objects are created per call.
 */
final class GcmFieldEncryption implements FieldEncryption {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES;
    private static final int MIN_CIPHERTEXT_BYTES = HEADER_BYTES + TAG_BITS / 8;
    private static final byte[] CONTEXT_SEPARATOR = {0};

    private final CryptoSuite suite;
    private final byte[] cipherKey;
    private final byte[] blindIndexKey;
    private final SecureRandom random;

    GcmFieldEncryption(SubKeys keys, SecureRandom random) {
        this.suite = keys.suite();
        this.cipherKey = keys.fieldEncryptionKey();
        this.blindIndexKey = keys.blindIndexKey();
        this.random = random;
    }

    @Override
    public byte[] encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] aad = contextBytes(context);
        byte[] message = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);

        GCMModeCipher gcm = newGcm(true, nonce, aad);
        byte[] out = new byte[HEADER_BYTES + gcm.getOutputSize(message.length)];
        out[0] = suite.formatByte();
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        int written = gcm.processBytes(message, 0, message.length, out, HEADER_BYTES);
        try {
            gcm.doFinal(out, HEADER_BYTES + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(suite.cipherName() + " encryption failed", e);
        }
        return out;
    }

    @Override
    public String decrypt(byte[] ciphertext, String context) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] aad = contextBytes(context);
        if (ciphertext.length < MIN_CIPHERTEXT_BYTES) {
            throw new IllegalArgumentException("Ciphertext for '" + context + "' is too short (" + ciphertext.length
                    + " bytes) to be a " + suite.cipherName() + " value");
        }
        requireOwnSuite(ciphertext[0], context);

        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(ciphertext, 1, nonce, 0, NONCE_BYTES);
        GCMModeCipher gcm = newGcm(false, nonce, aad);
        int bodyLength = ciphertext.length - HEADER_BYTES;
        byte[] message = new byte[gcm.getOutputSize(bodyLength)];
        int written = gcm.processBytes(ciphertext, HEADER_BYTES, bodyLength, message, 0);
        try {
            written += gcm.doFinal(message, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("Ciphertext for '" + context + "' failed " + suite.cipherName()
                    + " authentication: it was altered, belongs to another field, or was encrypted with another key");
        }
        return utf8(message, written, context);
    }

    @Override
    public byte[] blindIndex(String normalisedValue, String context) {
        Objects.requireNonNull(normalisedValue, "normalisedValue");
        return Hmac.compute(suite, blindIndexKey, contextBytes(context), CONTEXT_SEPARATOR,
                normalisedValue.getBytes(StandardCharsets.UTF_8));
    }

    private GCMModeCipher newGcm(boolean forEncryption, byte[] nonce, byte[] aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(suite.newBlockCipher());
        gcm.init(forEncryption, new AEADParameters(new KeyParameter(cipherKey), TAG_BITS, nonce, aad));
        return gcm;
    }

    private void requireOwnSuite(byte formatByte, String context) {
        if (formatByte == suite.formatByte()) {
            return;
        }
        CryptoSuite writer = CryptoSuite.ofFormatByte(formatByte);
        if (writer == null) {
            throw new IllegalArgumentException("Ciphertext for '" + context + "' has unknown format byte 0x"
                    + String.format("%02x", formatByte) + "; expected 0x" + String.format("%02x", suite.formatByte())
                    + " (" + suite.cipherName() + ")");
        }
        throw new IllegalArgumentException("Ciphertext for '" + context + "' was written with " + writer.cipherName()
                + " but this platform is configured for " + suite.cipherName() + " (yiwang.crypto.suite=" + suite + ")");
    }

    /** The context is joined to the value with a NUL in blind indexes, so it must not contain one itself. */
    private static byte[] contextBytes(String context) {
        Objects.requireNonNull(context, "context");
        if (context.isEmpty() || context.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("Field context must be non-empty and free of NUL characters");
        }
        return context.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes, int length, String context) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Decrypted value for '" + context + "' is not UTF-8 text");
        }
    }

    @Override
    public String toString() {
        return "FieldEncryption[" + suite.cipherName() + ", " + suite.macName() + " blind index]";
    }
}
