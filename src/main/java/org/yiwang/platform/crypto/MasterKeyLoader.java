package org.yiwang.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the 32-byte master key: the configured {@code yiwang.crypto.master-key}, else the key file, else, on the
 * embedded database only, a freshly generated key written to the key file. A production installation on an
 * external database must bring its own key: generating one there would silently make its data unreadable the day
 * the file is lost. The key itself is never logged.
 */
final class MasterKeyLoader {

    static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);

    private final SecureRandom random;

    MasterKeyLoader(SecureRandom random) {
        this.random = random;
    }

    byte[] load(String configuredKey, Path keyFile, boolean embeddedDatabase) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "yiwang.crypto.master-key (YIWANG_MASTER_KEY)");
        }
        if (Files.exists(keyFile)) {
            return read(keyFile);
        }
        if (!embeddedDatabase) {
            throw new IllegalStateException("No master key: set YIWANG_MASTER_KEY (yiwang.crypto.master-key) to the "
                    + "base64 of " + KEY_BYTES + " random bytes, or provide the key file " + keyFile.toAbsolutePath()
                    + ". A key is generated automatically only for the embedded database.");
        }
        return generate(keyFile);
    }

    private static byte[] read(Path keyFile) {
        try {
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), "key file " + keyFile.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read master key file " + keyFile.toAbsolutePath(), e);
        }
    }

    private byte[] generate(Path keyFile) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            Path parent = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.createFile(keyFile, ownerOnly(parent));
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // Another process created it between our check and our write: use its key, not ours.
            return read(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write generated master key to " + keyFile.toAbsolutePath(), e);
        }
        log.warn("Generated a new master key in {}. Back this file up: without it, encrypted data cannot be read. "
                + "For production set YIWANG_MASTER_KEY instead.", keyFile.toAbsolutePath());
        return key;
    }

    /** rw------- where the file system understands POSIX permissions; nothing extra elsewhere (Windows). */
    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Master key from " + source + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("Master key from " + source + " must be " + KEY_BYTES
                    + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), but it is " + key.length
                    + " bytes");
        }
        return key;
    }
}
