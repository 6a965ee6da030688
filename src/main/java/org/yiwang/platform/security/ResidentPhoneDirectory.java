package org.yiwang.platform.security;

import java.time.LocalDate;
import java.util.List;

/**
 * The residents a mobile number belongs to, for sign-in with a one-time code. Implemented by the master patient
 * index (the platform depends on no module); looked up through the number's keyed blind index, never by
 * decrypting. A number is often shared by a household, so there may be several holders.
 */
public interface ResidentPhoneDirectory {

    /**
     * Living residents (current records: not voided, not merged into another) holding {@code mobileNumber}
     * (11 digits), at most {@code limit}, oldest first. Not audited by the directory: the caller audits the sign-in.
     */
    List<PhoneHolder> holders(String mobileNumber, int limit);

    /**
     * The resident's primary mobile number in full, for the demo sign-in hint only: the platform asks for it only in
     * a demo run (synthetic residents), about the demo resident login. The implementation audits the read.
     */
    default java.util.Optional<String> demoMobileNumber(long residentId) {
        return java.util.Optional.empty();
    }

    /**
     * A resident holding the number.
     *
     * @param residentId master-index id (the current record)
     * @param name full name, for the account's display name; show it masked to anyone not yet signed in
     * @param birthDate birth date: residents under the configured age (PIPL-03: 14) cannot sign in themselves
     */
    record PhoneHolder(long residentId, String name, LocalDate birthDate) {
    }
}
