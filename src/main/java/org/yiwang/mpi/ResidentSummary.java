package org.yiwang.mpi;

import java.time.LocalDate;

/**
 * A resident as other modules see them. Identifying numbers are masked; the full values stay encrypted in the
 * master index.
 *
 * @param healthRecordNumber 17-digit health-record number (REC-03)
 * @param ethnicityCode GB 3304 code, {@code 01} = 汉族
 * @param idNumberMasked e.g. {@code 5199**********123X}; null when no ID number is on file
 * @param phoneMasked e.g. {@code 138****5678}; null when the resident has no phone of their own
 * @param divisionCode GB/T 2260 county code + township + village committee
 * @param guardianResidentId guardian of a child or dependant, if any
 * @param registeredOrganisationId organisation that created the record
 */
public record ResidentSummary(
        long id,
        String healthRecordNumber,
        String name,
        Sex sex,
        LocalDate birthDate,
        String ethnicityCode,
        String idNumberMasked,
        String phoneMasked,
        String divisionCode,
        String address,
        Long guardianResidentId,
        long registeredOrganisationId,
        boolean voided) {
}
