package org.yiwang.mpi;

import java.util.HashSet;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The residents registered in the current transaction: such a record is current (no merge can have pointed it
 * elsewhere unless the same transaction merged, which forgets them), so {@link Residents#resolve} answers for it
 * without reading it back — a transaction Bundle registering its Patient and recording its entries. Lives as long as
 * the transaction; outside one nothing is kept.
 */
final class RegisteredNow {

    private static final Object KEY = new Object();

    private RegisteredNow() {
    }

    static void add(long residentId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> ids = (Set<Long>) TransactionSynchronizationManager.getResource(KEY);
        if (ids == null) {
            Set<Long> made = new HashSet<>();
            TransactionSynchronizationManager.bindResource(KEY, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            ids = made;
        }
        ids.add(residentId);
    }

    static boolean contains(long residentId) {
        return TransactionSynchronizationManager.getResource(KEY) instanceof Set<?> ids && ids.contains(residentId);
    }

    /** A merge or unmerge in this transaction: every record is resolved from the database again. */
    static void forget() {
        if (TransactionSynchronizationManager.getResource(KEY) instanceof Set<?> ids) {
            ids.clear();
        }
    }
}
