package org.yiwang.platform.audit.internal;

/**
 * The single anchor row: the last purged link (verification starts after it) and the last sealed link
 * (verification must end at it).
 */
record ChainAnchor(
        long purgedThroughSeq,
        byte[] purgedThroughHash,
        byte[] purgedMac,
        long headSeq,
        byte[] headHash,
        byte[] headMac) {
}
