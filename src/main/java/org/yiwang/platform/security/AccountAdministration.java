package org.yiwang.platform.security;

/** Creates accounts; used by the admin pages and by modules' demo data. */
public interface AccountAdministration {

    /** Creates a staff account and returns its id. Real accounts must change their password at first login. */
    long createStaffAccount(NewStaffAccount account);

    /** Creates a resident (portal) account tied to a master-index resident and returns its id. */
    long createResidentAccount(String username, String displayName, String initialPassword, long residentId, boolean demo);

    /** True when the resident has a portal account (created at their first sign-in), enabled or not. */
    boolean hasResidentAccount(long residentId);

    /** True when an account with this login name exists. */
    boolean exists(String username);
}
