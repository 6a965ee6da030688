package org.yiwang.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL ({@code yiwang.embedded-db.*}).
 *
 * @param dataDirectory where the cluster lives; kept between runs unless {@code cleanDataDirectory}
 * @param port TCP port on loopback; 0 picks a free one
 */
@ConfigurationProperties("yiwang.embedded-db")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data/pg") Path dataDirectory,
        @DefaultValue("false") boolean cleanDataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("128MB") String sharedBuffers,
        @DefaultValue("20") int maximumPoolSize) {
}
