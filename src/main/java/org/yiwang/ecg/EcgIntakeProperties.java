package org.yiwang.ecg;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ECG intake under {@code yiwang.ecg.intake}.
 *
 * @param uploadLifetime   an unfinished upload is purged this long after its last chunk (also a finished one, whose
 *                         recording stays: a retry with the same idempotency key still finds it)
 * @param purgeInterval    how often a node purges expired uploads
 * @param chunkSize        the chunk size clients are told to use
 * @param minChunkSize     a chunk shorter than this must end the file (bounds the chunk rows per file)
 * @param maxChunkSize     a longer chunk is refused (413)
 * @param maxUploadSize    all files of one upload together (413 beyond); WFDB is decoded block by block, so a 24 h
 *                         12-lead Holter (0.78 GB in format 212, 1.04 GB in format 16) fits; other formats are decoded
 *                         in memory and stay limited to {@code EcgFileLimits.DEFAULT}'s 256 MiB
 * @param maxFiles         files per upload
 * @param oneShotMaxSize   the one-shot multipart upload (resting ECGs) takes at most this much
 */
@ConfigurationProperties("yiwang.ecg.intake")
public record EcgIntakeProperties(
        @DefaultValue("24h") Duration uploadLifetime,
        @DefaultValue("10m") Duration purgeInterval,
        @DefaultValue("256KB") DataSize chunkSize,
        @DefaultValue("64KB") DataSize minChunkSize,
        @DefaultValue("4MB") DataSize maxChunkSize,
        @DefaultValue("1GB") DataSize maxUploadSize,
        @DefaultValue("8") int maxFiles,
        @DefaultValue("8MB") DataSize oneShotMaxSize) {

    public EcgIntakeProperties {
        if (minChunkSize.toBytes() < 1 || chunkSize.toBytes() < minChunkSize.toBytes()
                || maxChunkSize.toBytes() < chunkSize.toBytes() || maxFiles < 1) {
            throw new IllegalArgumentException("yiwang.ecg.intake: 0 < min-chunk-size ≤ chunk-size ≤ max-chunk-size, "
                    + "max-files ≥ 1");
        }
    }
}
