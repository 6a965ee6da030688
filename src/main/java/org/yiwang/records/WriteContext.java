package org.yiwang.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yiwang.platform.audit.AuditEvent;

/**
 * What the writes of one database transaction have looked up already (resident resolution, organisations and
 * practitioners that exist, encounters checked, care relationships upserted) and the audit entries they owe, written
 * as one batch just before the commit — inside the transaction, so an entry and its audit entry still commit or roll
 * back together. A transaction Bundle of a visit (a Patient, an Encounter and ten Observations) then does its lookups
 * once, not once per entry. Lives only as long as the transaction; outside one every call goes straight through.
 */
final class WriteContext {

    private static final Object KEY = new Object();

    private final Map<Long, Optional<Long>> resolved = new HashMap<>();
    private final Map<Long, List<Long>> recordIds = new HashMap<>();
    private final Set<Long> organisations = new HashSet<>();
    private final Set<Long> practitioners = new HashSet<>();
    private final Set<List<Long>> encounters = new HashSet<>();
    private final Set<List<Long>> treating = new HashSet<>();
    private final List<AuditEvent> audits = new ArrayList<>();

    private WriteContext() {
    }

    /** The context of the current transaction, made on first use; empty outside a synchronized transaction. */
    static Optional<WriteContext> current(Consumer<List<AuditEvent>> auditWriter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        WriteContext context = (WriteContext) TransactionSynchronizationManager.getResource(KEY);
        if (context == null) {
            WriteContext made = new WriteContext();
            TransactionSynchronizationManager.bindResource(KEY, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    made.flush(auditWriter);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            context = made;
        }
        return Optional.of(context);
    }

    Optional<Long> resolve(long residentId, Supplier<Optional<Long>> lookup) {
        Optional<Long> known = resolved.get(residentId);
        if (known == null) {
            known = lookup.get();
            resolved.put(residentId, known);
        }
        return known;
    }

    List<Long> recordIds(long residentId, Supplier<List<Long>> lookup) {
        return recordIds.computeIfAbsent(residentId, id -> lookup.get());
    }

    boolean organisationExists(long organisationId, Supplier<Boolean> lookup) {
        return organisations.contains(organisationId) || lookup.get() && organisations.add(organisationId);
    }

    boolean practitionerExists(long practitionerId, Supplier<Boolean> lookup) {
        return practitioners.contains(practitionerId) || lookup.get() && practitioners.add(practitionerId);
    }

    /** Whether this encounter was found valid for this resident earlier in the transaction. */
    boolean encounterChecked(long encounterId, long residentId) {
        return encounters.contains(List.of(encounterId, residentId));
    }

    void encounterValid(long encounterId, long residentId) {
        encounters.add(List.of(encounterId, residentId));
    }

    /** Forgets checked encounters: an entry was voided in this transaction. */
    void entryVoided() {
        encounters.clear();
    }

    /** True the first time this resident and organisation are seen in the transaction. */
    boolean firstTreating(long residentId, long organisationId) {
        return treating.add(List.of(residentId, organisationId));
    }

    void audit(AuditEvent event) {
        audits.add(event);
    }

    private void flush(Consumer<List<AuditEvent>> auditWriter) {
        if (!audits.isEmpty()) {
            List<AuditEvent> batch = List.copyOf(audits);
            audits.clear();
            auditWriter.accept(batch);
        }
    }
}
