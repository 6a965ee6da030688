package org.yiwang.mpi;

import java.util.List;

/**
 * What a registrar (or a clinic's system) enters to register or edit a resident, as typed: every value is checked
 * by the master index, which answers with precise {@link FieldProblem}s.
 *
 * @param sex GB/T 2261.1 code: 0, 1, 2 or 9
 * @param birthDate ISO date {@code yyyy-MM-dd}
 * @param ethnicityCode GB 3304 two-digit code
 * @param documents identity documents to add; the first becomes primary when the resident has none
 * @param phones phone numbers to add; the first becomes primary when the resident has none
 * @param divisionCode 12-digit village (residents' committee) division code of the address
 * @param guardianHealthRecordNumber health-record number of the guardian, required for a minor without document
 * @param householdMemberHealthRecordNumber joins the household of this resident; empty for a new household
 */
public record ResidentDraft(
        String name,
        String sex,
        String birthDate,
        String ethnicityCode,
        List<DocumentInput> documents,
        List<String> phones,
        String divisionCode,
        String address,
        String guardianHealthRecordNumber,
        String householdMemberHealthRecordNumber) {

    /** An identity document as typed. */
    public record DocumentInput(IdentityDocumentType type, String number, String issuingCountry) {

        public boolean isBlank() {
            return number == null || number.isBlank();
        }
    }

    public ResidentDraft {
        // blanks are kept, so that a field problem's index names the row the user filled in
        documents = documents == null ? List.of() : List.copyOf(documents);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
