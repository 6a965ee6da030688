package org.yiwang.fhir;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Profession;
import org.yiwang.mpi.Sex;

/**
 * The registry's organisations and practitioners as FHIR R4 Organization and Practitioner; pure (no Spring, no
 * I/O). Read only: the registry is kept in its own pages, so the mapping back ({@link #organisationCode},
 * {@link #licenceNumber}) only reads the identifiers a search names.
 */
final class RegistryMapper {

    private RegistryMapper() {
    }

    static Organization toOrganization(OrganisationSummary organisation) {
        Organization resource = new Organization();
        resource.setId("Organization/" + organisation.id());
        resource.setActive(true);
        resource.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirSystems.ORGANISATION_CODE)
                .setValue(organisation.code());
        resource.setName(organisation.nameZh());
        if (organisation.nameEn() != null && !organisation.nameEn().isBlank()) {
            resource.addAlias(organisation.nameEn());
        }
        resource.addType().addCoding().setSystem(FhirSystems.ORGANISATION_TYPE_SYSTEM).setCode(organisation.type().name());
        if (organisation.parentId() != null) {
            resource.setPartOf(new Reference("Organization/" + organisation.parentId()));
        }
        if (organisation.divisionCode() != null) {
            resource.addAddress().setCountry("CN")
                    .addExtension(FhirSystems.DIVISION_EXTENSION, new CodeType(organisation.divisionCode()));
        }
        return resource;
    }

    /** The registry's view of an Organization this mapper made (for tests and round trips). */
    static OrganisationSummary toSummary(Organization resource) {
        String division = resource.getAddress().isEmpty() ? null : resource.getAddressFirstRep()
                .getExtensionByUrl(FhirSystems.DIVISION_EXTENSION).getValue().primitiveValue();
        return new OrganisationSummary(Long.parseLong(resource.getIdElement().getIdPart()),
                organisationCode(resource), resource.getName(),
                resource.getAlias().isEmpty() ? null : resource.getAlias().getFirst().getValue(),
                OrganisationType.valueOf(resource.getTypeFirstRep().getCodingFirstRep().getCode()),
                resource.hasPartOf() ? resource.getPartOf().getReferenceElement().getIdPartAsLong() : null, division);
    }

    static String organisationCode(Organization resource) {
        return resource.getIdentifier().stream().filter(i -> FhirSystems.ORGANISATION_CODE.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    static Practitioner toPractitioner(PractitionerSummary practitioner) {
        Practitioner resource = new Practitioner();
        resource.setId("Practitioner/" + practitioner.id());
        resource.setActive(true);
        if (practitioner.licenceNumber() != null) {
            resource.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirSystems.PRACTISING_LICENCE)
                    .setValue(practitioner.licenceNumber()).getType().setText("医师执业证书编码");
        }
        if (practitioner.employeeNumber() != null) {
            resource.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(FhirSystems.EMPLOYEE_NUMBER)
                    .setValue(practitioner.employeeNumber())
                    .setAssigner(new Reference("Organization/" + practitioner.organisationId()));
        }
        resource.addName(PatientMapper.humanName(practitioner.name()));
        resource.setGender(PatientMapper.gender(Sex.fromCode(practitioner.sexCode())));
        if (practitioner.sexCode() == 0 || practitioner.sexCode() == 9) {
            resource.getGenderElement().addExtension(FhirSystems.SEX_EXTENSION,
                    new CodeType(Integer.toString(practitioner.sexCode())));
        }
        var qualification = resource.addQualification();
        qualification.getCode().addCoding().setSystem(FhirSystems.PROFESSION_SYSTEM)
                .setCode(practitioner.profession().name());
        qualification.getCode().setText(practitioner.title());
        qualification.setIssuer(new Reference("Organization/" + practitioner.organisationId()));
        return resource;
    }

    /** The registry's view of a Practitioner this mapper made (for tests and round trips); specialty is not carried. */
    static PractitionerSummary toSummary(Practitioner resource) {
        String gbCode = resource.getGenderElement().hasExtension(FhirSystems.SEX_EXTENSION)
                ? resource.getGenderElement().getExtensionByUrl(FhirSystems.SEX_EXTENSION).getValue().primitiveValue()
                : switch (resource.getGender()) {
                    case MALE -> "1";
                    case FEMALE -> "2";
                    default -> "0";
                };
        var qualification = resource.getQualificationFirstRep();
        return new PractitionerSummary(Long.parseLong(resource.getIdElement().getIdPart()),
                resource.getNameFirstRep().getText(), Integer.parseInt(gbCode),
                Profession.valueOf(qualification.getCode().getCodingFirstRep().getCode()),
                qualification.getCode().getText(), null, licenceNumber(resource),
                resource.getIdentifier().stream().filter(i -> FhirSystems.EMPLOYEE_NUMBER.equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(null),
                qualification.getIssuer().getReferenceElement().getIdPartAsLong());
    }

    static String licenceNumber(Practitioner resource) {
        return resource.getIdentifier().stream().filter(i -> FhirSystems.PRACTISING_LICENCE.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
    }
}
