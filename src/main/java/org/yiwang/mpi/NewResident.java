package org.yiwang.mpi;

import java.time.LocalDate;

/**
 * A resident to register. The guardian is named by health-record number so that a household can be written in
 * one batch before anyone has an id.
 *
 * @param idNumber normalised 18-character ID number, or null
 * @param phone mobile number, or null (children under 16 usually have none)
 * @param idNumberAsTyped the ID number as the registering institution typed it when that differs in substance
 *        (a 15-digit legacy number, ID-05), else null
 */
record NewResident(
        String healthRecordNumber,
        String name,
        Sex sex,
        LocalDate birthDate,
        String ethnicityCode,
        String idNumber,
        String phone,
        String divisionCode,
        String address,
        String guardianHealthRecordNumber,
        long registeredOrganisationId,
        String idNumberAsTyped) {

    NewResident(String healthRecordNumber, String name, Sex sex, LocalDate birthDate, String ethnicityCode,
            String idNumber, String phone, String divisionCode, String address, String guardianHealthRecordNumber,
            long registeredOrganisationId) {
        this(healthRecordNumber, name, sex, birthDate, ethnicityCode, idNumber, phone, divisionCode, address,
                guardianHealthRecordNumber, registeredOrganisationId, null);
    }
}
