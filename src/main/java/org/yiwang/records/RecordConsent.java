package org.yiwang.records;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/**
 * The resident's consent to sharing single items: a hidden item is left out of what other organisations see of the
 * record; the resident and the organisation that recorded it still see it. The resident hides and unhides items
 * themselves (portal), or staff do it on the resident's written request, naming it in the purpose. Both are audited.
 * <p>
 * Except where the law requires sharing. The default list ({@link RecordAccessProperties#unhideableCodes}) holds the
 * notifiable infectious diseases of the 《中华人民共和国传染病防治法》 for which another organisation the patient goes to
 * must take isolation or transmission precautions: the Class A diseases (cholera A00, plague A20), SARS (U04) and
 * pulmonary anthrax (A22) that are managed as Class A, and the airborne, droplet or faecal-oral Class B diseases —
 * avian influenza in humans (J09), poliomyelitis (A80), measles (B05), diphtheria (A36), pertussis (A37),
 * meningococcal meningitis (A39), tuberculosis (A15–A19), typhoid and paratyphoid (A01), bacillary dysentery (A03) —
 * and rabies (A82). Left out on purpose, although notifiable: HIV/AIDS (B20–B24), whose disclosure the
 * 《艾滋病防治条例》 (art. 39) forbids without consent and which is a sensitive category already; and viral hepatitis
 * (B15–B19), syphilis and gonorrhoea (A50–A54), where the law's duty is the diagnosing organisation's report to the
 * CDC — which hiding does not stop — and no other organisation's precautions depend on seeing them, while hepatitis B
 * carriers are protected against discrimination. Counties change the list in configuration.
 */
@Service
@Transactional
public class RecordConsent {

    private final EntryStore entries;
    private final Residents residents;
    private final RecordAccess access;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final UnhideableCodes unhideable;

    RecordConsent(EntryStore entries, Residents residents, RecordAccess access, CurrentActor currentActor,
                  AuditTrail audit, RecordAccessProperties properties) {
        this.entries = entries;
        this.residents = residents;
        this.access = access;
        this.currentActor = currentActor;
        this.audit = audit;
        this.unhideable = new UnhideableCodes(properties.unhideableCodes());
    }

    /**
     * Hides the item from organisations other than the one that recorded it; hiding a hidden item changes nothing.
     *
     * @param purpose why, e.g. the resident's written request (书面申请) when staff act for the resident
     * @throws UnhideableEntryException when the law requires the item to be shared
     * @throws org.springframework.security.access.AccessDeniedException when the actor is neither the resident, nor
     *                                                                   staff who may read the record, nor a system job
     */
    public boolean hide(long entryId, String purpose) {
        ClinicalEntry entry = permitted(entryId, purpose);
        if (Coding.ICD10.equals(entry.code().system()) && unhideable(entry.code().code())) {
            throw new UnhideableEntryException(entryId, entry.code().code());
        }
        boolean changed = entries.hide(entryId);
        if (changed) {
            audit.record(AuditEvent.write(entry.residentId(), "HIDE_ENTRY", entry.kind().name(),
                    Long.toString(entryId), purpose));
        }
        return changed;
    }

    /** Shares a hidden item again; unhiding a shared item changes nothing. */
    public boolean unhide(long entryId, String purpose) {
        ClinicalEntry entry = permitted(entryId, purpose);
        boolean changed = entries.unhide(entryId);
        if (changed) {
            audit.record(AuditEvent.write(entry.residentId(), "UNHIDE_ENTRY", entry.kind().name(),
                    Long.toString(entryId), purpose));
        }
        return changed;
    }

    /** Whether the law keeps an item with this ICD-10 code from being hidden. */
    public boolean unhideable(String icd10Code) {
        return unhideable.covers(icd10Code);
    }

    private ClinicalEntry permitted(long entryId, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required to change what is shared");
        }
        ClinicalEntry entry = entries.find(entryId).orElseThrow(() -> new EntryNotFoundException("entry", entryId));
        Optional<Actor> actor = currentActor.current();
        access.requireConsentKeeper(actor, residents.recordIds(entry.residentId()));
        return entry;
    }
}
