package org.yiwang.mpi.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.ResidentDraft;

/**
 * The registration and edit form as posted. Only these fields bind (no entity is bound to a form); the master
 * index validates them.
 */
public class ResidentForm {

    /** One identity-document row of the form. */
    public static class DocumentRow {
        private IdentityDocumentType type = IdentityDocumentType.RESIDENT_ID;
        private String number = "";
        private String issuingCountry = "";

        public IdentityDocumentType getType() {
            return type;
        }

        public void setType(IdentityDocumentType type) {
            this.type = type;
        }

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number;
        }

        public String getIssuingCountry() {
            return issuingCountry;
        }

        public void setIssuingCountry(String issuingCountry) {
            this.issuingCountry = issuingCountry;
        }
    }

    private String name = "";
    private String sex = "";
    private String birthDate = "";
    private String ethnicityCode = "01";
    private List<DocumentRow> documents = new ArrayList<>(List.of(new DocumentRow()));
    private List<String> phones = new ArrayList<>(List.of(""));
    private String divisionCode = "";
    private String address = "";
    private String guardianHealthRecordNumber = "";
    private String householdMemberHealthRecordNumber = "";
    private String registerAnywayReason = "";
    private String reason = "";
    private int version;
    private Set<Long> voidDocumentIds = new LinkedHashSet<>();
    private Set<Long> voidPhoneIds = new LinkedHashSet<>();

    ResidentDraft toDraft() {
        return new ResidentDraft(name, sex, birthDate, ethnicityCode,
                documents.stream().map(d -> new ResidentDraft.DocumentInput(d.getType(), d.getNumber(),
                        d.getIssuingCountry())).toList(),
                phones, divisionCode, address, guardianHealthRecordNumber, householdMemberHealthRecordNumber);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSex() {
        return sex;
    }

    public void setSex(String sex) {
        this.sex = sex;
    }

    public String getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(String birthDate) {
        this.birthDate = birthDate;
    }

    public String getEthnicityCode() {
        return ethnicityCode;
    }

    public void setEthnicityCode(String ethnicityCode) {
        this.ethnicityCode = ethnicityCode;
    }

    public List<DocumentRow> getDocuments() {
        return documents;
    }

    public void setDocuments(List<DocumentRow> documents) {
        this.documents = documents;
    }

    public List<String> getPhones() {
        return phones;
    }

    public void setPhones(List<String> phones) {
        this.phones = phones;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public void setDivisionCode(String divisionCode) {
        this.divisionCode = divisionCode;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getGuardianHealthRecordNumber() {
        return guardianHealthRecordNumber;
    }

    public void setGuardianHealthRecordNumber(String guardianHealthRecordNumber) {
        this.guardianHealthRecordNumber = guardianHealthRecordNumber;
    }

    public String getHouseholdMemberHealthRecordNumber() {
        return householdMemberHealthRecordNumber;
    }

    public void setHouseholdMemberHealthRecordNumber(String householdMemberHealthRecordNumber) {
        this.householdMemberHealthRecordNumber = householdMemberHealthRecordNumber;
    }

    public String getRegisterAnywayReason() {
        return registerAnywayReason;
    }

    public void setRegisterAnywayReason(String registerAnywayReason) {
        this.registerAnywayReason = registerAnywayReason;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public Set<Long> getVoidDocumentIds() {
        return voidDocumentIds;
    }

    public void setVoidDocumentIds(Set<Long> voidDocumentIds) {
        this.voidDocumentIds = voidDocumentIds;
    }

    public Set<Long> getVoidPhoneIds() {
        return voidPhoneIds;
    }

    public void setVoidPhoneIds(Set<Long> voidPhoneIds) {
        this.voidPhoneIds = voidPhoneIds;
    }
}
