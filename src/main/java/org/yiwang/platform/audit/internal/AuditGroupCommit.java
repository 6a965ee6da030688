package org.yiwang.platform.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Audit entries written outside a transaction (audited reads and searches), committed in groups: an entry that
 * arrives while another group is being written waits, and the next group, all entries that queued meanwhile, is
 * written by one of its own callers with one statement and one commit. Every caller still returns only after its
 * own entry is committed, so no read is answered before it is on record (SEC-05); what is saved is a commit, and
 * with it a WAL flush, per entry. Under load those flushes were where audited reads waited (docs/benchmarks.md,
 * fourteenth run).
 *
 * <p>A group is written by a caller, on the connection that caller already holds, never by a thread of its own:
 * callers hold pooled connections while they wait, and a writer that needed one more could wait for them forever.
 */
final class AuditGroupCommit {

    private enum Turn { WRITTEN, LEAD }

    private record Pending(AuditEntry entry, CompletableFuture<Turn> turn) {
    }

    private final Consumer<List<AuditEntry>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private List<Pending> queue = new ArrayList<>();
    private boolean leaderActive;

    /** @param writer commits the given entries together, in list order, or throws and commits none */
    AuditGroupCommit(Consumer<List<AuditEntry>> writer) {
        this.writer = writer;
    }

    /** Returns once the entry is committed; throws what its group's write threw. */
    void write(AuditEntry entry) {
        Pending mine = new Pending(entry, new CompletableFuture<>());
        boolean lead;
        lock.lock();
        try {
            queue.add(mine);
            lead = !leaderActive;
            leaderActive = true;
        } finally {
            lock.unlock();
        }
        if (!lead && awaitTurn(mine) == Turn.WRITTEN) {
            return;
        }
        writeQueuedGroup();
    }

    private static Turn awaitTurn(Pending pending) {
        try {
            return pending.turn().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Writes everything queued (the leader's own entry among it), then hands the lead to the next waiter. */
    private void writeQueuedGroup() {
        List<Pending> group;
        lock.lock();
        try {
            group = queue;
            queue = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        Throwable failure = null;
        try {
            writer.accept(group.stream().map(Pending::entry).toList());
        } catch (RuntimeException | Error e) {
            failure = e; // the waiting callers get it too, never a wait without end
        }
        for (Pending pending : group) {
            if (failure == null) {
                pending.turn().complete(Turn.WRITTEN);
            } else {
                pending.turn().completeExceptionally(failure);
            }
        }
        handOver();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    private void handOver() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                leaderActive = false;
            } else {
                queue.getFirst().turn().complete(Turn.LEAD);
            }
        } finally {
            lock.unlock();
        }
    }
}
