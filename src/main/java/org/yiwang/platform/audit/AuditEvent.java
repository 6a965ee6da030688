package org.yiwang.platform.audit;

/**
 * What happened, as a caller of {@link AuditTrail} describes it.
 *
 * @param category security event, or read/write of health data
 * @param action short verb phrase, e.g. {@code LOGIN}, {@code VIEW_RECORD}, {@code UPDATE_RESIDENT}
 * @param residentId the resident whose data was touched, if any
 * @param objectType kind of object, e.g. {@code Observation}
 * @param objectId its id
 * @param purpose why (treatment, referral, emergency override, public health, ...)
 * @param outcome success or failure
 * @param subject for security events without an authenticated actor: the login name tried
 * @param detail short free text, never health data
 */
public record AuditEvent(
        Category category,
        String action,
        Long residentId,
        String objectType,
        String objectId,
        String purpose,
        Outcome outcome,
        String subject,
        String detail) {

    public enum Category { SECURITY, HEALTH_DATA_READ, HEALTH_DATA_WRITE, ADMINISTRATION }

    public enum Outcome { SUCCESS, FAILURE }

    public static AuditEvent security(String action, Outcome outcome, String subject, String detail) {
        return new AuditEvent(Category.SECURITY, action, null, null, null, null, outcome, subject, detail);
    }

    public static AuditEvent administration(String action, String objectType, String objectId, String detail) {
        return new AuditEvent(Category.ADMINISTRATION, action, null, objectType, objectId, null, Outcome.SUCCESS, null, detail);
    }

    public static AuditEvent read(long residentId, String action, String objectType, String objectId, String purpose) {
        return new AuditEvent(Category.HEALTH_DATA_READ, action, residentId, objectType, objectId, purpose, Outcome.SUCCESS, null, null);
    }

    public static AuditEvent write(long residentId, String action, String objectType, String objectId, String purpose) {
        return new AuditEvent(Category.HEALTH_DATA_WRITE, action, residentId, objectType, objectId, purpose, Outcome.SUCCESS, null, null);
    }
}
