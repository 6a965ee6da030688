package org.yiwang.mpi.matching;

import java.util.Arrays;

/**
 * The candidate pairs of a batch, sorted and without repeats, as positions {@code left < right} in the batch
 * (for a linkage of two lists: positions in the left list followed by the right list). Also counts the blocks
 * that were too large to compare and skipped.
 */
public final class CandidatePairs {

    private final long[] pairs;
    private final int oversizedBlocks;
    private final long skippedComparisons;

    CandidatePairs(long[] pairs, int oversizedBlocks, long skippedComparisons) {
        this.pairs = pairs;
        this.oversizedBlocks = oversizedBlocks;
        this.skippedComparisons = skippedComparisons;
    }

    /** From explicit pairs (positions), e.g. the candidates of one new registration. */
    public static CandidatePairs of(long[] packedPairs) {
        long[] sorted = packedPairs.clone();
        Arrays.sort(sorted);
        return new CandidatePairs(unique(sorted, sorted.length), 0, 0);
    }

    static long pack(int left, int right) {
        return left < right ? ((long) left << 32) | right : ((long) right << 32) | left;
    }

    public int size() {
        return pairs.length;
    }

    public int left(int k) {
        return (int) (pairs[k] >>> 32);
    }

    public int right(int k) {
        return (int) pairs[k];
    }

    /** True when the pair (in either order) is a candidate. */
    public boolean contains(int a, int b) {
        return a != b && Arrays.binarySearch(pairs, pack(a, b)) >= 0;
    }

    /** Blocks with more records than the maximum block size, whose pairs were not generated. */
    public int oversizedBlocks() {
        return oversizedBlocks;
    }

    /** Pairs of the oversized blocks that were skipped (counted with repeats across passes). */
    public long skippedComparisons() {
        return skippedComparisons;
    }

    static long[] unique(long[] sorted, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }
}
