package org.yiwang.mpi;

import java.time.LocalDate;

/**
 * A resident in a search result or candidate list: identifiers masked.
 *
 * @param primaryDocumentType type of the primary identity document, null when the resident has none
 * @param primaryDocumentMasked its masked number
 * @param phoneMasked masked primary phone, or null
 */
public record ResidentListItem(
        long id,
        String healthRecordNumber,
        String name,
        String pinyin,
        Sex sex,
        LocalDate birthDate,
        IdentityDocumentType primaryDocumentType,
        String primaryDocumentMasked,
        String phoneMasked,
        String divisionCode,
        String address,
        long registeredOrganisationId) {
}
