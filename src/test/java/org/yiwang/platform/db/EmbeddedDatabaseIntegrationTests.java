package org.yiwang.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL of the default run keeps what it acknowledged: the library it comes from starts the server
 * with fsync and synchronous_commit off, which a power cut can turn into lost or corrupted records.
 */
class EmbeddedDatabaseIntegrationTests {

    private static EmbeddedDatabaseProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("yiwang.embedded-db", EmbeddedDatabaseProperties.class);
    }

    private static Map<String, String> settingsOfAServerStartedWith(EmbeddedDatabaseProperties properties)
            throws Exception {
        Path directory = Files.createTempDirectory("yiwang-embedded-db-test");
        try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.builder(properties, directory.resolve("pg"))
                .setCleanDataDirectory(true).start()) {
            JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            return Map.of(
                    "fsync", jdbc.sql("show fsync").query(String.class).single(),
                    "synchronous_commit", jdbc.sql("show synchronous_commit").query(String.class).single(),
                    "max_wal_size", jdbc.sql("show max_wal_size").query(String.class).single());
        }
    }

    @Test
    void defaultRunFlushesEveryCommitToDiskBeforeAcknowledgingIt() throws Exception {
        EmbeddedDatabaseProperties defaults = bind(Map.of());

        assertThat(defaults.durable()).isTrue();
        assertThat(settingsOfAServerStartedWith(defaults))
                .containsEntry("fsync", "on")
                .containsEntry("synchronous_commit", "on")
                .containsEntry("max_wal_size", "4GB");
    }

    @Test
    void throwawayDatabasesMaySkipTheFlushAndWalSizeIsConfigurable() throws Exception {
        EmbeddedDatabaseProperties throwaway = bind(Map.of(
                "yiwang.embedded-db.durable", "false", "yiwang.embedded-db.max-wal-size", "2GB"));

        assertThat(settingsOfAServerStartedWith(throwaway))
                .containsEntry("fsync", "off")
                .containsEntry("synchronous_commit", "off")
                .containsEntry("max_wal_size", "2GB");
    }
}
