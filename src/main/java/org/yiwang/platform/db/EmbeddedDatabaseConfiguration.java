package org.yiwang.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Runs PostgreSQL 15 inside the application when no external database is configured
 * ({@code SPRING_DATASOURCE_URL} unset). Data stays under {@code ./data/pg} between runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory.getParent());
        long started = System.nanoTime();
        EmbeddedPostgres postgres = builder(properties, dataDirectory).start();
        log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms){}", postgres.getPort(), dataDirectory,
                (System.nanoTime() - started) / 1_000_000, properties.durable() ? "" : ", not durable (fsync off)");
        return postgres;
    }

    /** The server as configured by {@code properties}, not yet started. */
    static EmbeddedPostgres.Builder builder(EmbeddedDatabaseProperties properties, Path dataDirectory) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        properties.serverConfig().forEach(builder::setServerConfig);
        return builder
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(properties.cleanDataDirectory())
                .setPort(properties.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops the server after everything that uses it has shut down gracefully.
                .setRegisterShutdownHook(false);
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(properties.maximumPoolSize());
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
