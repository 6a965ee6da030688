package org.yiwang.fhir;

/** The code systems, identifier systems and extension URLs of the Yiwang FHIR API, in one place. */
final class FhirSystems {

    /** 居民身份证号码 (GB 11643): the national OID of the resident ID number. */
    static final String RESIDENT_ID = "urn:oid:2.16.156.10011.1.1";
    private static final String BASE = "https://yiwang.org/fhir/";
    /** 17-digit health-record number (REC-03). */
    static final String HEALTH_RECORD_NUMBER = BASE + "sid/health-record-number";
    /** Other identity documents: this prefix plus the document type in lower case with hyphens. */
    static final String IDENTITY_DOCUMENT_PREFIX = BASE + "sid/identity-document/";
    static final String ORGANISATION_CODE = BASE + "sid/organisation-code";
    static final String PRACTISING_LICENCE = BASE + "sid/practising-licence";
    static final String EMPLOYEE_NUMBER = BASE + "sid/employee-number";
    /** GB 3304 ethnicity of a patient (valueCoding). */
    static final String ETHNICITY_EXTENSION = BASE + "StructureDefinition/ethnicity";
    static final String ETHNICITY_SYSTEM = BASE + "CodeSystem/gb-3304";
    /** GB/T 2261.1 sex code, kept beside the administrative gender so that 0 and 9 stay apart (valueCode). */
    static final String SEX_EXTENSION = BASE + "StructureDefinition/gbt-2261-1-sex";
    /** 12-digit GB/T 2260 division code (county + township + village committee) of an address (valueCode). */
    static final String DIVISION_EXTENSION = BASE + "StructureDefinition/division-code";
    static final String ORGANISATION_TYPE_SYSTEM = BASE + "CodeSystem/organisation-type";
    static final String PROFESSION_SYSTEM = BASE + "CodeSystem/profession";
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    /** Message keys of the field problems in an OperationOutcome issue's details. */
    static final String MESSAGE_KEY_SYSTEM = BASE + "CodeSystem/message-key";

    private FhirSystems() {
    }
}
