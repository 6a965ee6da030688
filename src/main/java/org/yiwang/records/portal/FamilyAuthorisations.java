package org.yiwang.records.portal;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.mpi.PhoneNumber;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.ResidentPhoneDirectory;

/**
 * A resident authorises a family member to view their record, and revokes it. The family member is named by mobile
 * number and full name, both of which must match a resident holding that number who has a portal account of their
 * own; the answer never says which of the two did not match. Both changes are audited as writes of the grantor's
 * data with the purpose "resident consent".
 */
@Service
@Transactional
class FamilyAuthorisations {

    static final String PURPOSE = "resident consent";

    private final ViewingGrants grants;
    private final Residents residents;
    private final ResidentPhoneDirectory phones;
    private final AccountAdministration accounts;
    private final Masking masking;
    private final AuditTrail audit;
    private final PortalProperties properties;

    FamilyAuthorisations(ViewingGrants grants, Residents residents, ResidentPhoneDirectory phones,
            AccountAdministration accounts, Masking masking, AuditTrail audit, PortalProperties properties) {
        this.grants = grants;
        this.residents = residents;
        this.phones = phones;
        this.accounts = accounts;
        this.masking = masking;
        this.audit = audit;
        this.properties = properties;
    }

    /** A field (or null for the whole form) and the message key of what to fix. */
    record Problem(String field, String messageKey) {
    }

    /** The grant's id, or what was wrong with the form. */
    record Outcome(Optional<Long> grantId, Optional<Problem> problem) {

        static Outcome problem(String field, String key) {
            return new Outcome(Optional.empty(), Optional.of(new Problem(field, key)));
        }
    }

    Outcome authorise(long self, String phoneInput, String nameInput, String username) {
        String name = nameInput == null ? "" : nameInput.strip().replaceAll("\\s+", " ");
        PhoneNumber.Result parsed = PhoneNumber.parse(phoneInput);
        if (!(parsed instanceof PhoneNumber.Valid valid) || valid.phone().kind() != PhoneNumber.Kind.MOBILE) {
            return Outcome.problem("phone", "portal.family.error.phone");
        }
        if (name.isEmpty()) {
            return Outcome.problem("name", "portal.family.error.name");
        }
        if (name.length() > 50) {
            return Outcome.problem("name", "portal.family.error.nameLength");
        }
        List<Long> selfIds = residents.recordIds(self);
        Optional<ResidentPhoneDirectory.PhoneHolder> grantee = phones.holders(valid.phone().value(), 20).stream()
                .filter(h -> h.name().replaceAll("\\s+", " ").equals(name))
                .filter(h -> !selfIds.contains(h.residentId()))
                .filter(h -> accounts.hasResidentAccount(h.residentId()))
                .findFirst();
        if (grantee.isEmpty()) {
            return Outcome.problem(null, "portal.family.error.notFound");
        }
        if (grants.countMadeBy(selfIds) >= properties.maxFamilyGrants()) {
            return Outcome.problem(null, "portal.family.error.limit");
        }
        String display = masking.name(grantee.get().name()) + " · " + masking.phone(valid.phone().value());
        Optional<Long> id = grants.add(self, grantee.get().residentId(), display, username);
        if (id.isEmpty()) {
            return Outcome.problem(null, "portal.family.error.exists");
        }
        audit.record(AuditEvent.write(self, "GRANT_FAMILY_ACCESS", "ViewingGrant", id.get().toString(), PURPOSE));
        return new Outcome(id, Optional.empty());
    }

    /** False when {@code grantId} is no active grant of {@code self}. */
    boolean revoke(long self, long grantId, String username) {
        boolean revoked = grants.revoke(grantId, residents.recordIds(self), username);
        if (revoked) {
            audit.record(AuditEvent.write(self, "REVOKE_FAMILY_ACCESS", "ViewingGrant", Long.toString(grantId),
                    PURPOSE));
        }
        return revoked;
    }

    List<ViewingGrants.Grant> madeBy(long self) {
        return grants.madeBy(residents.recordIds(self));
    }
}
