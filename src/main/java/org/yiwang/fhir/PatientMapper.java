package org.yiwang.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.ResidentDetails;
import org.yiwang.mpi.ResidentDraft;
import org.yiwang.mpi.ResidentListItem;
import org.yiwang.mpi.ResidentRecord;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Sex;

/**
 * Residents of the master index as FHIR R4 Patients and back; pure (no Spring, no I/O).
 *
 * <p>Out: the Chinese name as {@code HumanName.text} with family and given split (compound surnames such as 欧阳
 * kept whole); GB/T 2261.1 sex as administrative gender (0 and 9 both {@code unknown}, told apart by the
 * {@link FhirSystems#SEX_EXTENSION} extension); identity documents and phones <em>masked</em> as the master index
 * shows them to a clinic's system (the JSON resident API does the same; only the roles in
 * {@code yiwang.mpi.unmask-roles} may reveal a number, and an API client holds none), each masked value marked with
 * the {@code data-absent-reason} extension {@code masked}; the health-record number in full; GB 3304 ethnicity and
 * the 12-digit village division code as extensions.
 *
 * <p>In: a Patient becomes a {@link ResidentDraft} for the master index, which validates every field. Values that
 * are masked (what this mapper sent out) are left out, so a client may send back a Patient it read.
 */
final class PatientMapper {

    private static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫",
            "尉迟", "公孙", "慕容", "长孙", "宇文", "夏侯", "令狐", "澹台", "端木", "轩辕", "独孤", "南宫", "西门", "百里",
            "呼延", "钟离", "申屠", "太史", "万俟", "闻人", "赫连", "公羊", "淳于", "濮阳", "东郭", "司空", "第五");

    private PatientMapper() {
    }

    /** An identity document as the master index shows it: the number masked. */
    record Document(IdentityDocumentType type, String numberMasked) {
    }

    /**
     * What the master index tells about one resident, whichever of its read models it came from.
     *
     * @param version null when the read model does not carry it (search results)
     */
    record Resident(long id, String healthRecordNumber, String name, Sex sex, LocalDate birthDate, String ethnicityCode,
            List<Document> documents, List<String> phonesMasked, String divisionCode, String address,
            Long registeredOrganisationId, Integer version, Instant updatedAt, boolean voided) {

        Resident {
            documents = List.copyOf(documents);
            phonesMasked = List.copyOf(phonesMasked);
        }
    }

    static Resident of(ResidentRecord record) {
        ResidentListItem item = record.resident();
        return new Resident(item.id(), item.healthRecordNumber(), item.name(), item.sex(), item.birthDate(),
                record.ethnicityCode(),
                record.documents().stream().map(d -> new Document(d.type(), d.numberMasked())).toList(),
                record.phones().stream().map(ResidentDetails.Phone::numberMasked).toList(),
                item.divisionCode(), item.address(), item.registeredOrganisationId(), record.version(),
                record.updatedAt(), record.voided());
    }

    static Resident of(ResidentSummary summary) {
        return new Resident(summary.id(), summary.healthRecordNumber(), summary.name(), summary.sex(),
                summary.birthDate(), summary.ethnicityCode(),
                summary.idNumberMasked() == null ? List.of()
                        : List.of(new Document(IdentityDocumentType.RESIDENT_ID, summary.idNumberMasked())),
                summary.phoneMasked() == null ? List.of() : List.of(summary.phoneMasked()),
                summary.divisionCode(), summary.address(), summary.registeredOrganisationId(), null, null,
                summary.voided());
    }

    static Resident of(ResidentListItem item, String ethnicityCode) {
        return new Resident(item.id(), item.healthRecordNumber(), item.name(), item.sex(), item.birthDate(),
                ethnicityCode,
                item.primaryDocumentType() == null ? List.of()
                        : List.of(new Document(item.primaryDocumentType(), item.primaryDocumentMasked())),
                item.phoneMasked() == null ? List.of() : List.of(item.phoneMasked()),
                item.divisionCode(), item.address(), item.registeredOrganisationId(), null, null, false);
    }

    // ---------------------------------------------------------------------------------------------- out

    static Patient toPatient(Resident resident) {
        Patient patient = new Patient();
        patient.setId("Patient/" + resident.id() + (resident.version() == null ? "" : "/_history/" + resident.version()));
        if (resident.version() != null) {
            patient.getMeta().setVersionId(Integer.toString(resident.version()));
        }
        if (resident.updatedAt() != null) {
            patient.getMeta().setLastUpdated(Date.from(resident.updatedAt()));
        }
        patient.setActive(!resident.voided());
        patient.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(FhirSystems.HEALTH_RECORD_NUMBER)
                .setValue(resident.healthRecordNumber()).getType().setText("健康档案编号");
        for (Document document : resident.documents()) {
            Identifier identifier = patient.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setSystem(systemOf(document.type()));
            identifier.getType().setText(typeText(document.type()));
            masked(identifier.getValueElement(), document.numberMasked());
        }
        patient.addName(humanName(resident.name()));
        patient.setGender(gender(resident.sex()));
        if (resident.sex() == Sex.UNKNOWN || resident.sex() == Sex.UNSPECIFIED) {
            patient.getGenderElement().addExtension(FhirSystems.SEX_EXTENSION,
                    new CodeType(Integer.toString(resident.sex().code())));
        }
        if (resident.birthDate() != null) {
            patient.getBirthDateElement().setValueAsString(resident.birthDate().toString());
        }
        for (String phone : resident.phonesMasked()) {
            ContactPoint telecom = patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE);
            masked(telecom.getValueElement(), phone);
        }
        if (resident.address() != null || resident.divisionCode() != null) {
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME).setText(resident.address())
                    .setCountry("CN");
            if (resident.divisionCode() != null) {
                address.addExtension(FhirSystems.DIVISION_EXTENSION, new CodeType(resident.divisionCode()));
            }
        }
        if (resident.ethnicityCode() != null) {
            patient.addExtension(FhirSystems.ETHNICITY_EXTENSION,
                    new Coding(FhirSystems.ETHNICITY_SYSTEM, resident.ethnicityCode(), null));
        }
        if (resident.registeredOrganisationId() != null) {
            patient.setManagingOrganization(new Reference("Organization/" + resident.registeredOrganisationId()));
        }
        return patient;
    }

    private static void masked(StringType value, String maskedValue) {
        value.setValue(maskedValue);
        value.addExtension(FhirSystems.DATA_ABSENT_REASON, new CodeType("masked"));
    }

    static String systemOf(IdentityDocumentType type) {
        return type == IdentityDocumentType.RESIDENT_ID ? FhirSystems.RESIDENT_ID
                : FhirSystems.IDENTITY_DOCUMENT_PREFIX + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String typeText(IdentityDocumentType type) {
        return switch (type) {
            case RESIDENT_ID -> "居民身份证";
            case HK_MO_TW_RESIDENCE_PERMIT -> "港澳台居民居住证";
            case FOREIGN_PERMANENT_RESIDENT_ID -> "外国人永久居留身份证";
            case FOREIGN_PERMANENT_RESIDENT_ID_OLD -> "外国人永久居留证";
            case PASSPORT -> "护照";
        };
    }

    /** 欧阳明远 → family 欧阳, given 明远; Latin names split at the last blank; names with a middle dot text only. */
    static HumanName humanName(String name) {
        HumanName human = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(name);
        if (name == null || name.isBlank() || name.contains("·") || name.contains("•")) {
            return human;
        }
        if (name.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            if (name.codePointCount(0, name.length()) < 2) {
                return human;
            }
            String family = COMPOUND_SURNAMES.stream().filter(s -> name.startsWith(s) && name.length() > s.length())
                    .findFirst().orElse(name.substring(0, name.offsetByCodePoints(0, 1)));
            return human.setFamily(family).addGiven(name.substring(family.length()));
        }
        int blank = name.lastIndexOf(' ');
        if (blank > 0) {
            human.setFamily(name.substring(blank + 1));
            for (String given : name.substring(0, blank).split(" ")) {
                human.addGiven(given);
            }
        }
        return human;
    }

    static AdministrativeGender gender(Sex sex) {
        return switch (sex) {
            case MALE -> AdministrativeGender.MALE;
            case FEMALE -> AdministrativeGender.FEMALE;
            case UNKNOWN, UNSPECIFIED -> AdministrativeGender.UNKNOWN;
        };
    }

    // ---------------------------------------------------------------------------------------------- in

    /**
     * What a client's system may leave out of a Patient, filled in by the server's settings (both null by default:
     * then the master index refuses the Patient and says what is missing).
     *
     * @param ethnicityCode GB 3304 code used when the Patient carries no ethnicity extension
     * @param divisionCode 12-digit village code used when the address carries no division-code extension (the
     *        registering organisation's village)
     */
    record Defaults(String ethnicityCode, String divisionCode) {

        static final Defaults NONE = new Defaults(null, null);
    }

    /**
     * The draft the master index validates. Identifier systems other than the resident ID, the other identity
     * documents and the health-record number (server-assigned, ignored) are refused.
     *
     * @throws FhirInputException for an identifier of an unknown system or an unreadable element
     */
    static ResidentDraft toDraft(Patient patient, Defaults defaults) {
        List<ResidentDraft.DocumentInput> documents = new ArrayList<>();
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            Identifier identifier = patient.getIdentifier().get(i);
            String system = identifier.getSystem();
            if (FhirSystems.HEALTH_RECORD_NUMBER.equals(system) || isMasked(identifier.getValueElement())) {
                continue;
            }
            IdentityDocumentType type = documentType(system);
            if (type == null) {
                throw new FhirInputException("Patient.identifier[" + i + "].system", "Unknown identifier system '"
                        + system + "': use " + FhirSystems.RESIDENT_ID + " for the resident ID number, "
                        + FhirSystems.IDENTITY_DOCUMENT_PREFIX + "<type> for other identity documents.");
            }
            String country = type.needsIssuingCountry() && identifier.hasAssigner()
                    ? identifier.getAssigner().getDisplay() : null;
            documents.add(new ResidentDraft.DocumentInput(type, identifier.getValue(), country));
        }
        List<String> phones = new ArrayList<>();
        for (ContactPoint telecom : patient.getTelecom()) {
            if (telecom.getSystem() == ContactPoint.ContactPointSystem.PHONE && !isMasked(telecom.getValueElement())
                    && telecom.hasValue()) {
                phones.add(telecom.getValue());
            }
        }
        Address address = patient.getAddress().isEmpty() ? null : patient.getAddressFirstRep();
        String division = address == null ? null : codeOf(address.getExtensionByUrl(FhirSystems.DIVISION_EXTENSION));
        Extension ethnicity = patient.getExtensionByUrl(FhirSystems.ETHNICITY_EXTENSION);
        String ethnicityCode = ethnicity == null ? null
                : ethnicity.getValue() instanceof Coding coding ? coding.getCode() : codeOf(ethnicity);
        return new ResidentDraft(
                name(patient),
                sexCode(patient),
                patient.getBirthDateElement().getValueAsString(),
                ethnicityCode != null ? ethnicityCode : defaults.ethnicityCode(),
                documents,
                phones,
                division != null ? division : defaults.divisionCode(),
                address == null ? null : addressText(address),
                null,
                null);
    }

    private static boolean isMasked(Element value) {
        Extension reason = value.getExtensionByUrl(FhirSystems.DATA_ABSENT_REASON);
        return reason != null && "masked".equals(codeOf(reason));
    }

    private static String codeOf(Extension extension) {
        return extension != null && extension.getValue() instanceof PrimitiveType<?> primitive
                ? primitive.getValueAsString() : null;
    }

    static IdentityDocumentType documentType(String system) {
        if (FhirSystems.RESIDENT_ID.equals(system)) {
            return IdentityDocumentType.RESIDENT_ID;
        }
        if (system != null && system.startsWith(FhirSystems.IDENTITY_DOCUMENT_PREFIX)) {
            String type = system.substring(FhirSystems.IDENTITY_DOCUMENT_PREFIX.length()).toUpperCase(Locale.ROOT)
                    .replace('-', '_');
            for (IdentityDocumentType candidate : IdentityDocumentType.values()) {
                if (candidate.name().equals(type) && candidate != IdentityDocumentType.RESIDENT_ID) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String name(Patient patient) {
        if (patient.getName().isEmpty()) {
            return null;
        }
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        if (name.hasText()) {
            return name.getText();
        }
        String family = name.hasFamily() ? name.getFamily() : "";
        String given = String.join(" ", name.getGiven().stream().map(StringType::getValue).toList());
        boolean han = (family + given).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return han ? family + given.replace(" ", "") : (given + " " + family).strip();
    }

    private static String sexCode(Patient patient) {
        String coded = codeOf(patient.getGenderElement().getExtensionByUrl(FhirSystems.SEX_EXTENSION));
        if (coded != null) {
            return coded;
        }
        if (!patient.hasGender()) {
            return null;
        }
        return switch (patient.getGender()) {
            case MALE -> "1";
            case FEMALE -> "2";
            case OTHER -> "9";
            case UNKNOWN, NULL -> "0";
        };
    }

    private static String addressText(Address address) {
        if (address.hasText()) {
            return address.getText();
        }
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {address.getState(), address.getCity(), address.getDistrict()}) {
            if (part != null && !text.toString().endsWith(part)) {
                text.append(part);
            }
        }
        address.getLine().forEach(line -> text.append(line.getValue()));
        return text.isEmpty() ? null : text.toString();
    }
}
