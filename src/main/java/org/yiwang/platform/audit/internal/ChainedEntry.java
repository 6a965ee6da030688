package org.yiwang.platform.audit.internal;

/** A sealed audit entry: its fields and its place in the hash chain. */
record ChainedEntry(AuditEntry entry, long chainSeq, byte[] prevHash, byte[] entryHash) {
}
