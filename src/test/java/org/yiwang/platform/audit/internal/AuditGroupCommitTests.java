package org.yiwang.platform.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Audit entries written outside a transaction are committed in groups, each caller only after its own (SEC-05). */
class AuditGroupCommitTests {

    private final List<List<String>> groupsWritten = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> committed = ConcurrentHashMap.newKeySet();

    @Test
    void aCallerAloneWritesItsEntryAtOnceOnItsOwnThread() {
        AtomicReference<Thread> writingThread = new AtomicReference<>();
        AuditGroupCommit groupCommit = new AuditGroupCommit(entries -> {
            writingThread.set(Thread.currentThread());
            record(entries);
        });

        groupCommit.write(entry("a"));

        assertThat(groupsWritten).containsExactly(List.of("a"));
        assertThat(writingThread.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void entriesArrivingWhileAGroupIsWrittenAreCommittedTogetherAndNoCallerReturnsBeforeItsEntry() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        AuditGroupCommit groupCommit = new AuditGroupCommit(entries -> {
            if (groupsWritten.isEmpty()) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
            record(entries);
        });
        Set<String> returnedBeforeCommitted = ConcurrentHashMap.newKeySet();
        Consumer<String> caller = action -> {
            groupCommit.write(entry(action));
            if (!committed.contains(action)) {
                returnedBeforeCommitted.add(action);
            }
        };

        Thread first = Thread.ofPlatform().start(() -> caller.accept("first"));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = new ArrayList<>();
        for (String action : List.of("b", "c", "d", "e")) {
            waiting.add(Thread.ofPlatform().start(() -> caller.accept(action)));
        }
        awaitAllParked(waiting);
        releaseFirstWrite.countDown();
        first.join(5_000);
        for (Thread thread : waiting) {
            thread.join(5_000);
        }

        assertThat(groupsWritten).hasSize(2);
        assertThat(groupsWritten.get(0)).containsExactly("first");
        assertThat(groupsWritten.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e");
        assertThat(returnedBeforeCommitted).isEmpty();
    }

    @Test
    void aFailedWriteFailsEveryCallerOfItsGroupAndTheNextGroupIsStillWritten() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        AuditGroupCommit groupCommit = new AuditGroupCommit(entries -> {
            if (groupsWritten.isEmpty()) {
                groupsWritten.add(List.of());
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
                record(entries);
            } else if (entries.stream().anyMatch(e -> e.action().equals("doomed"))) {
                throw new IllegalStateException("database gone");
            } else {
                record(entries);
            }
        });
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> caller = action -> {
            try {
                groupCommit.write(entry(action));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        };

        Thread first = Thread.ofPlatform().start(() -> caller.accept("first"));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = List.of(Thread.ofPlatform().start(() -> caller.accept("doomed")),
                Thread.ofPlatform().start(() -> caller.accept("companion")));
        awaitAllParked(waiting);
        releaseFirstWrite.countDown();
        first.join(5_000);
        for (Thread thread : waiting) {
            thread.join(5_000);
        }

        assertThat(failures).hasSize(2).allSatisfy(e -> assertThat(e).hasMessage("database gone"));
        assertThat(committed).containsExactly("first");
        groupCommit.write(entry("later"));
        assertThat(committed).containsExactlyInAnyOrder("first", "later");
    }

    @Test
    void aWriteThatDiesWithAnErrorStillReleasesTheNextCaller() {
        AuditGroupCommit groupCommit = new AuditGroupCommit(entries -> {
            if (entries.getFirst().action().equals("oom")) {
                throw new OutOfMemoryError("simulated");
            }
            record(entries);
        });

        assertThatThrownBy(() -> groupCommit.write(entry("oom"))).isInstanceOf(OutOfMemoryError.class);
        groupCommit.write(entry("after"));

        assertThat(committed).containsExactly("after");
    }

    private void record(List<AuditEntry> entries) {
        List<String> actions = entries.stream().map(AuditEntry::action).toList();
        groupsWritten.add(actions);
        committed.addAll(actions);
    }

    private static void awaitAllParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertThat(System.nanoTime()).as("callers queued behind the first write").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AuditEntry entry(String action) {
        return new AuditEntry(0, Instant.parse("2026-11-25T12:00:00Z"), "DATA_ACCESS", action, "SUCCESS", 1L, "doctor",
                "DOCTOR", "USER", 2L, 3L, "Resident", "3", "FHIR API", null, null, "127.0.0.1", "c-1");
    }
}
