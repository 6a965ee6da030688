package org.yiwang.registry;

/** A practitioner to register at the organisation with {@code organisationCode}. */
record NewPractitioner(
        String name,
        int sexCode,
        Profession profession,
        String title,
        String specialty,
        String licenceNumber,
        String employeeNumber,
        String organisationCode) {

    /** Identifies the practitioner before it has an id: employee numbers are unique per organisation. */
    String key() {
        return organisationCode + "/" + employeeNumber;
    }
}
