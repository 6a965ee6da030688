package org.yiwang.platform.db;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL ({@code yiwang.embedded-db.*}).
 *
 * @param dataDirectory where the cluster lives; kept between runs unless {@code cleanDataDirectory}
 * @param port TCP port on loopback; 0 picks a free one
 * @param durable every commit is on disk before it is acknowledged ({@code fsync} and {@code synchronous_commit}
 *     on, as in a production PostgreSQL); off only for throwaway databases such as the tests'
 * @param maxWalSize WAL kept between checkpoints; larger means fewer checkpoints, so fewer full-page images in the
 *     WAL under a steady write load
 */
@ConfigurationProperties("yiwang.embedded-db")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data/pg") Path dataDirectory,
        @DefaultValue("false") boolean cleanDataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("128MB") String sharedBuffers,
        @DefaultValue("20") int maximumPoolSize,
        @DefaultValue("true") boolean durable,
        @DefaultValue("4GB") String maxWalSize) {

    /** The server settings these properties give; the library's own defaults are fsync and synchronous_commit off. */
    Map<String, String> serverConfig() {
        String flush = durable ? "on" : "off";
        return Map.of(
                "max_connections", "100",
                "shared_buffers", sharedBuffers,
                "max_wal_size", maxWalSize,
                "timezone", "UTC",
                "fsync", flush,
                "synchronous_commit", flush);
    }
}
