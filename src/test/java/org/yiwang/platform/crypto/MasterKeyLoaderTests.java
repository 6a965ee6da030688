package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MasterKeyLoaderTests {

    private static final boolean EMBEDDED = true;
    private static final boolean EXTERNAL = false;

    @TempDir
    Path directory;

    private final MasterKeyLoader loader = new MasterKeyLoader(new SecureRandom());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger loaderLog = (Logger) LoggerFactory.getLogger(MasterKeyLoader.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        loaderLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        loaderLog.detachAppender(logged);
    }

    @Test
    @DisplayName("CRY-04: on the embedded database a missing key is generated once, saved owner-only, and reused")
    void generatesKeyFileOnEmbeddedDatabaseAndReusesIt() throws IOException {
        Path keyFile = directory.resolve("data/keys/master.key");

        byte[] generated = loader.load("", keyFile, EMBEDDED);
        byte[] reloaded = loader.load(null, keyFile, EMBEDDED);

        assertThat(generated).hasSize(32).isEqualTo(reloaded);
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).isEqualTo(generated);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("Generated a new master key", "Back this file up")
                    .doesNotContain(Base64.getEncoder().encodeToString(generated));
        });
        assumeThat(keyFile.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void twoEmbeddedInstallationsGenerateDifferentKeys() {
        byte[] first = loader.load("", directory.resolve("a/master.key"), EMBEDDED);
        byte[] second = loader.load("", directory.resolve("b/master.key"), EMBEDDED);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    @DisplayName("CRY-04: on an external database the platform refuses to start without a key and writes none")
    void refusesToStartWithoutKeyOnExternalDatabase() {
        Path keyFile = directory.resolve("keys/master.key");

        assertThatIllegalStateException()
                .isThrownBy(() -> loader.load("", keyFile, EXTERNAL))
                .withMessageContaining("YIWANG_MASTER_KEY");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void readsAnExistingKeyFileOnExternalDatabase() throws IOException {
        byte[] key = TestKeys.masterKey(7);
        Path keyFile = directory.resolve("master.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);

        assertThat(loader.load("", keyFile, EXTERNAL)).isEqualTo(key);
    }

    @Test
    void configuredKeyWinsOverTheKeyFile() throws IOException {
        byte[] configured = TestKeys.masterKey(3);
        Path keyFile = directory.resolve("master.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(TestKeys.masterKey(4)));

        assertThat(loader.load(Base64.getEncoder().encodeToString(configured), keyFile, EXTERNAL)).isEqualTo(configured);
    }

    @Test
    @DisplayName("CRY-04: a configured master key of the wrong length stops startup with a clear message")
    void rejectsConfiguredMasterKeyOfWrongLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatIllegalStateException()
                .isThrownBy(() -> loader.load(sixteenBytes, directory.resolve("master.key"), EMBEDDED))
                .withMessageContaining("must be 32 bytes")
                .withMessageContaining("16 bytes")
                .withMessageNotContaining(sixteenBytes);
        assertThat(directory.resolve("master.key")).doesNotExist();
    }

    @Test
    void rejectsConfiguredMasterKeyThatIsNotBase64() {
        assertThatIllegalStateException()
                .isThrownBy(() -> loader.load("not base64 at all!", directory.resolve("master.key"), EMBEDDED))
                .withMessageContaining("not valid base64");
    }

    @Test
    void rejectsCorruptKeyFileInsteadOfReplacingIt() throws IOException {
        Path keyFile = directory.resolve("master.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[31]));

        assertThatIllegalStateException()
                .isThrownBy(() -> loader.load("", keyFile, EMBEDDED))
                .withMessageContaining(keyFile.toAbsolutePath().toString());
        assertThat(Files.readString(keyFile)).isEqualTo(Base64.getEncoder().encodeToString(new byte[31]));
    }
}
