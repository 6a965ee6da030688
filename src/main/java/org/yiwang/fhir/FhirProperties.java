package org.yiwang.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.fhir}.
 *
 * @param defaultPageSize search results per page when the client sends no {@code _count}
 * @param maximumPageSize the largest {@code _count} honoured
 * @param inlineAttachmentMaxBytes a report's or document's file up to this size is also sent inline (base64
 *        {@code data}) when the resource is read by id; larger ones, and every file in search results and
 *        $everything, only as {@code url: Binary/{id}} (0: never inline)
 * @param patientDefaults values for what a client's Patient may leave out; both off by default, so that the master
 *        index refuses an incomplete Patient and says what is missing
 */
@ConfigurationProperties("yiwang.fhir")
record FhirProperties(
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maximumPageSize,
        @DefaultValue("65536") long inlineAttachmentMaxBytes,
        @DefaultValue PatientDefaults patientDefaults) {

    FhirProperties {
        if (defaultPageSize < 1 || maximumPageSize < defaultPageSize || maximumPageSize > 1000) {
            throw new IllegalArgumentException("yiwang.fhir: need 1 ≤ default-page-size ≤ maximum-page-size ≤ 1000");
        }
        if (inlineAttachmentMaxBytes < 0) {
            throw new IllegalArgumentException("yiwang.fhir.inline-attachment-max-bytes must not be negative");
        }
    }

    /**
     * @param ethnicityCode GB 3304 code recorded when a Patient carries no ethnicity extension (empty: refuse it)
     * @param divisionFromOrganisation when a Patient's address carries no division-code extension, register the
     *        resident at the village of the registering organisation (its health-record number says where the record
     *        was opened); false: refuse it
     */
    record PatientDefaults(@DefaultValue("") String ethnicityCode, @DefaultValue("false") boolean divisionFromOrganisation) {
    }
}
