package org.yiwang.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.fhir}.
 *
 * @param defaultPageSize search results per page when the client sends no {@code _count}
 * @param maximumPageSize the largest {@code _count} honoured
 * @param patientDefaults values for what a client's Patient may leave out; both off by default, so that the master
 *        index refuses an incomplete Patient and says what is missing
 */
@ConfigurationProperties("yiwang.fhir")
record FhirProperties(
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maximumPageSize,
        @DefaultValue PatientDefaults patientDefaults) {

    FhirProperties {
        if (defaultPageSize < 1 || maximumPageSize < defaultPageSize || maximumPageSize > 1000) {
            throw new IllegalArgumentException("yiwang.fhir: need 1 ≤ default-page-size ≤ maximum-page-size ≤ 1000");
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
