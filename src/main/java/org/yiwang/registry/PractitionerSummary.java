package org.yiwang.registry;

/**
 * A practitioner as other modules see it.
 *
 * @param sexCode GB/T 2261.1 sex code: 0 unknown, 1 male, 2 female, 9 unspecified
 * @param title professional title, e.g. 主治医师, 主管护师, 乡村医生
 * @param licenceNumber practising-certificate number; null for staff without one
 */
public record PractitionerSummary(
        long id,
        String name,
        int sexCode,
        Profession profession,
        String title,
        String specialty,
        String licenceNumber,
        String employeeNumber,
        long organisationId) {

    /** Bundle key of the title in the viewer's language, or null for a title outside {@link ProfessionalTitle}. */
    public String titleMessageKey() {
        return title == null ? null : ProfessionalTitle.fromNameZh(title).map(ProfessionalTitle::messageKey).orElse(null);
    }
}
