package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Candidate pairs from the profile's blocking keys: records that share any key are compared. Keys are hashed to
 * 40 bits and sorted together with the record position (so memory is one long per key, no maps of strings);
 * a hash collision only adds a harmless extra candidate. Blocks larger than the maximum are skipped and counted.
 */
public final class Blocking {

    /** Largest batch: record positions are packed into 24 bits. */
    public static final int MAX_RECORDS = (1 << 24) - 1;

    private Blocking() {
    }

    /** Candidate pairs within one list (deduplication). */
    public static CandidatePairs deduplication(LinkageProfile profile, List<PreparedRecord> records, int maxBlockSize) {
        return pairs(profile, records, records.size(), maxBlockSize, false, Runnable::run);
    }

    /** As {@link #deduplication(LinkageProfile, List, int)}, computing the keys in chunks on the executor. */
    public static CandidatePairs deduplication(LinkageProfile profile, List<PreparedRecord> records, int maxBlockSize,
                                               Executor executor) {
        return pairs(profile, records, records.size(), maxBlockSize, false, executor);
    }

    /**
     * Candidate pairs between two lists (linkage), as positions in {@code left} followed by {@code right}: a
     * pair is (i, left.size() + j).
     */
    public static CandidatePairs linkage(LinkageProfile profile, List<PreparedRecord> left, List<PreparedRecord> right,
                                         int maxBlockSize) {
        List<PreparedRecord> both = new java.util.ArrayList<>(left.size() + right.size());
        both.addAll(left);
        both.addAll(right);
        return pairs(profile, both, left.size(), maxBlockSize, true, Runnable::run);
    }

    private static CandidatePairs pairs(LinkageProfile profile, List<PreparedRecord> records, int leftSize,
                                        int maxBlockSize, boolean crossOnly, Executor executor) {
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS + " records per batch");
        }
        int chunks = Math.max(1, Math.min(64, records.size() / 20_000));
        long[][] chunkKeys = new long[chunks][];
        int[] chunkSizes = new int[chunks];
        List<CompletableFuture<Void>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            int from = (int) ((long) records.size() * c / chunks);
            int to = (int) ((long) records.size() * (c + 1) / chunks);
            futures.add(CompletableFuture.runAsync(() -> {
                long[] keys = new long[Math.max(16, (to - from) * 10)];
                int n = 0;
                for (int i = from; i < to; i++) {
                    for (BlockingKey key : profile.blockingKeys(records.get(i))) {
                        if (n == keys.length) {
                            keys = Arrays.copyOf(keys, keys.length * 2);
                        }
                        keys[n++] = (hash(key.key()) & ~0xFFFFFFL) | i;
                    }
                }
                chunkKeys[chunk] = keys;
                chunkSizes[chunk] = n;
            }, executor));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        int n = 0;
        for (int size : chunkSizes) {
            n += size;
        }
        long[] keys = new long[n];
        int offset = 0;
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(chunkKeys[c], 0, keys, offset, chunkSizes[c]);
            offset += chunkSizes[c];
            chunkKeys[c] = null;
        }
        Arrays.sort(keys, 0, n);
        long[] pairs = new long[Math.max(16, records.size() * 4)];
        int p = 0;
        int oversized = 0;
        long skipped = 0;
        int start = 0;
        while (start < n) {
            long block = keys[start] & ~0xFFFFFFL;
            int end = start + 1;
            while (end < n && (keys[end] & ~0xFFFFFFL) == block) {
                end++;
            }
            int size = end - start;
            if (size > maxBlockSize) {
                oversized++;
                skipped += (long) size * (size - 1) / 2;
            } else {
                for (int x = start; x < end; x++) {
                    int i = (int) (keys[x] & 0xFFFFFF);
                    for (int y = x + 1; y < end; y++) {
                        int j = (int) (keys[y] & 0xFFFFFF);
                        if (i == j || (crossOnly && (i < leftSize) == (j < leftSize))) {
                            continue;
                        }
                        if (p == pairs.length) {
                            pairs = Arrays.copyOf(pairs, pairs.length * 2);
                        }
                        pairs[p++] = CandidatePairs.pack(i, j);
                    }
                }
            }
            start = end;
        }
        Arrays.sort(pairs, 0, p);
        return new CandidatePairs(CandidatePairs.unique(pairs, p), oversized, skipped);
    }

    /** 64-bit FNV-1a of the UTF-16 code units. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            h ^= c & 0xFF;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
