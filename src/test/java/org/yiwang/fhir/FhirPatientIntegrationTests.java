package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.ResidentIdNumber;
import org.yiwang.platform.security.internal.ApiClients;
import org.yiwang.testing.InsertStatements;

/** Patient over /fhir as a township clinic's HIS calls it, with HAPI's generic client and its organisation's token. */
@IntegrationTest
class FhirPatientIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    private String token;
    private String village;
    private IGenericClient client;

    @BeforeEach
    void connect() {
        long organisation = jdbc.sql("select id from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by code limit 1")
                .query(Long.class).single();
        token = apiClients.issue(organisation, "乡镇卫生院 HIS (FHIR)", "test").token();
        village = jdbc.sql("select division_code from registry.organisation where type = 'VILLAGE_CLINIC' order by code limit 1")
                .query(String.class).single();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient(base());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    static String uniqueIdNumber(LocalDate birthDate, boolean male) {
        int sequence = (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 500) * 2 + (male ? 1 : 0);
        return ResidentIdNumber.compose("510104", birthDate, sequence).value();
    }

    private Patient patient(String name, AdministrativeGender gender, LocalDate birthDate, String idNumber) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(FhirSystems.RESIDENT_ID).setValue(idNumber);
        patient.addName().setText(name);
        patient.setGender(gender);
        patient.getBirthDateElement().setValueAsString(birthDate.toString());
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("139" + "%08d".formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000));
        patient.addExtension(FhirSystems.ETHNICITY_EXTENSION, new Coding(FhirSystems.ETHNICITY_SYSTEM, "01", null));
        patient.addAddress().setText("清水县测试路 1 号").addExtension(FhirSystems.DIVISION_EXTENSION, new CodeType(village));
        return patient;
    }

    private HttpResponse<String> raw(String method, String path, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("fhir+json");
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static OperationOutcome outcome(BaseServerResponseException exception) {
        return (OperationOutcome) exception.getOperationOutcome();
    }

    @Test
    void createsAPatientUnderTheResidentIdSystemThenFindsItByIdentifierAndReadsItMaskedAndAudited() {
        LocalDate birthDate = LocalDate.of(1979, 6, 14);
        String idNumber = uniqueIdNumber(birthDate, true);

        MethodOutcome created = client.create().resource(patient("欧阳明远", AdministrativeGender.MALE, birthDate, idNumber))
                .execute();

        assertThat(created.getCreated()).isTrue();
        String id = created.getId().getIdPart();
        Bundle found = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(FhirSystems.RESIDENT_ID, idNumber))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(id);

        Patient read = client.read().resource(Patient.class).withId(id).execute();
        assertThat(read.getNameFirstRep().getText()).isEqualTo("欧阳明远");
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("欧阳");
        assertThat(read.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1979-06-14");
        Identifier shown = read.getIdentifier().stream().filter(i -> FhirSystems.RESIDENT_ID.equals(i.getSystem()))
                .findFirst().orElseThrow();
        assertThat(shown.getValue()).isEqualTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));
        assertThat(FHIR.newJsonParser().encodeResourceToString(read)).doesNotContain(idNumber);
        String hrn = read.getIdentifier().stream().filter(i -> FhirSystems.HEALTH_RECORD_NUMBER.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
        assertThat(hrn).startsWith(village).hasSize(17); // REC-03
        assertThat(read.getMeta().getVersionId()).isNotBlank();

        assertThat(jdbc.sql("""
                        select action from platform.audit_event where resident_id = :id and purpose like 'FHIR API%'
                        order by id""")
                .param("id", Long.parseLong(id)).query(String.class).list())
                .contains("FIND_RESIDENT_BY_ID_NUMBER", "VIEW_RESIDENT_DETAILS");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'REGISTER_RESIDENT'")
                .param("id", Long.parseLong(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void sendsAResourceInOnePieceWithItsLengthNotAsAChunkPerField() {
        LocalDate birthDate = LocalDate.of(1984, 2, 9);
        String id = client.create().resource(patient("司马青云", AdministrativeGender.FEMALE, birthDate,
                uniqueIdNumber(birthDate, false))).execute().getId().getIdPart();

        HttpResponse<String> read = raw("GET", "/Patient/" + id, null, token);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(read.headers().firstValueAsLong("Content-Length"))
                .hasValue(read.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(FHIR.newJsonParser().parseResource(Patient.class, read.body()).getNameFirstRep().getText())
                .isEqualTo("司马青云");
    }

    /** As a hand-typed request or a simple HIS integration sends it: the bar of system|code not percent-encoded. */
    @Test
    void findsAPatientByIdentifierWithTheBarOfSystemAndCodeNotEncoded() throws Exception {
        LocalDate birthDate = LocalDate.of(1969, 3, 8);
        String idNumber = uniqueIdNumber(birthDate, true);
        String id = client.create().resource(patient("诸葛文山", AdministrativeGender.MALE, birthDate, idNumber))
                .execute().getId().getIdPart();

        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /fhir/Patient?identifier=" + FhirSystems.RESIDENT_ID + "|" + idNumber
                    + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 200").contains("\"fullUrl\":\"" + base() + "/Patient/" + id + "\"");
    }

    /** Our own JSON writer serves plain reads; these parameters must still shape the answer (HAPI writes them). */
    @Test
    void honoursPrettyElementsAndSummaryOnAReadAsHapiDoes() {
        LocalDate birthDate = LocalDate.of(1991, 5, 17);
        String id = client.create().resource(patient("上官明月", AdministrativeGender.FEMALE, birthDate,
                uniqueIdNumber(birthDate, false))).execute().getId().getIdPart();

        String plain = raw("GET", "/Patient/" + id, null, token).body();
        String pretty = raw("GET", "/Patient/" + id + "?_pretty=true", null, token).body();
        String elements = raw("GET", "/Patient/" + id + "?_elements=name", null, token).body();
        String summary = raw("GET", "/Patient/" + id + "?_summary=true", null, token).body();

        assertThat(plain).doesNotContain("\n").contains("\"birthDate\":\"1991-05-17\"");
        assertThat(pretty).contains("\n").isEqualTo(FHIR.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(FHIR.newJsonParser().parseResource(Patient.class, plain)));
        Patient named = FHIR.newJsonParser().parseResource(Patient.class, elements);
        assertThat(named.getNameFirstRep().getText()).isEqualTo("上官明月");
        assertThat(named.hasBirthDate()).isFalse();
        assertThat(named.getMeta().getTag()).extracting(c -> c.getCode()).contains("SUBSETTED");
        assertThat(FHIR.newJsonParser().parseResource(Patient.class, summary).getMeta().getTag())
                .extracting(c -> c.getCode()).contains("SUBSETTED");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsEachFhirRequestWithTheApiClientThatMadeIt(CapturedOutput output) {
        LocalDate birthDate = LocalDate.of(1991, 7, 30);
        String id = client.create().resource(patient("上官晓月", AdministrativeGender.FEMALE, birthDate,
                uniqueIdNumber(birthDate, false))).execute().getId().getIdPart();

        client.read().resource(Patient.class).withId(id).execute();

        // the line is written once the response has gone out
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).containsPattern(
                "GET /fhir/Patient/" + id + " 200 \\d+ms user=ApiClientPrincipal\\[clientId=\\d+, name=乡镇卫生院 HIS \\(FHIR\\)"));
    }

    @Test
    void givesACreatedPatientAHouseholdOfItsOwnInsertedByTheResidentsOwnStatement() {
        LocalDate birthDate = LocalDate.of(1983, 2, 7);
        Patient patient = patient("钱晓燕", AdministrativeGender.FEMALE, birthDate, uniqueIdNumber(birthDate, false));

        long id;
        List<InsertStatements.Statement> householdInserts;
        record Household(long id, String division, String address) {
        }
        Household household;
        try (InsertStatements inserts = InsertStatements.on(jdbc, "mpi.household:id")) {
            id = client.create().resource(patient).execute().getId().getIdPartAsLong();
            household = jdbc.sql("""
                            select h.id, h.division_code, h.address from mpi.resident r
                            join mpi.household h on h.id = r.household_id where r.id = :id""")
                    .param("id", id).query((rs, n) -> new Household(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .single();
            householdInserts = inserts.of("mpi.household", household.id());
        }

        assertThat(household.division()).isEqualTo(village);
        assertThat(household.address()).isEqualTo("清水县测试路 1 号");
        assertThat(householdInserts).hasSize(1);
        assertThat(householdInserts.getFirst().query()).as("no statement of its own: a sub-statement of the resident's")
                .contains("insert into mpi.resident").contains("insert into mpi.identity_document");
    }

    @Test
    void recordsTheRegistrationsVersionWithTheResidentsOwnStatementAsTheStoredRowsDescribeIt() {
        LocalDate birthDate = LocalDate.of(1991, 9, 23);
        Patient patient = patient("孔令辉", AdministrativeGender.MALE, birthDate, uniqueIdNumber(birthDate, true));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("138" + "%08d".formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000));

        long id;
        List<InsertStatements.Statement> versionInserts;
        try (InsertStatements inserts = InsertStatements.on(jdbc, "mpi.resident_version:resident_id")) {
            id = client.create().resource(patient).execute().getId().getIdPartAsLong();
            versionInserts = inserts.of("mpi.resident_version", id);
        }
        // an update that changes nothing snapshots the stored rows (documents, phones, household) the usual way
        Patient read = client.read().resource(Patient.class).withId(Long.toString(id)).execute();
        client.update().resource(read).withId(read.getIdElement().toUnqualifiedVersionless()).execute();

        assertThat(versionInserts).hasSize(1);
        assertThat(versionInserts.getFirst().query()).as("no statement of its own: a sub-statement of the resident's")
                .contains("insert into mpi.resident").contains("insert into mpi.identity_document");
        List<String> snapshots = jdbc.sql("""
                        select snapshot::text from mpi.resident_version where resident_id = :id order by version""")
                .param("id", id).query(String.class).list();
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.getFirst()).contains("\"phones\": [{").contains("\"documents\": [{")
                .isEqualTo(snapshots.get(1));
        assertThat(jdbc.sql("select change from mpi.resident_version where resident_id = :id order by version")
                .param("id", id).query(String.class).list()).containsExactly("REGISTERED", "UPDATED");
    }

    @Test
    void answersAConditionalCreateOfAKnownResidentWithTheExistingPatient() {
        LocalDate birthDate = LocalDate.of(1988, 2, 29);
        String idNumber = uniqueIdNumber(birthDate, false);
        String first = client.create().resource(patient("李娜", AdministrativeGender.FEMALE, birthDate, idNumber))
                .execute().getId().getIdPart();

        MethodOutcome again = client.create().resource(patient("李娜", AdministrativeGender.FEMALE, birthDate, idNumber))
                .conditional().where(Patient.IDENTIFIER.exactly().systemAndCode(FhirSystems.RESIDENT_ID, idNumber))
                .execute();

        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(first);
    }

    @Test
    void refusesAnInvalidIdNumberWith400AndTheMasterIndexMessage() {
        String wrongCheck = "11010519491231002" + "9";

        assertThatThrownBy(() -> client.create()
                .resource(patient("张伟", AdministrativeGender.FEMALE, LocalDate.of(1949, 12, 31), wrongCheck)).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    OperationOutcome outcome = outcome(e);
                    assertThat(outcome.getIssueFirstRep().getExpression().getFirst().getValue())
                            .isEqualTo("Patient.identifier");
                    assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                            .startsWith("mpi.document.error.CHECK_DIGIT_MISMATCH");
                    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("校验");
                });
        assertThatThrownBy(() -> client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(FhirSystems.RESIDENT_ID, wrongCheck))
                .returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesABusinessRuleWith422AndADocumentOfAnotherResidentWith409() {
        LocalDate birthDate = LocalDate.of(1990, 5, 1);
        String maleNumber = uniqueIdNumber(birthDate, true);

        assertThatThrownBy(() -> client.create()
                .resource(patient("王芳", AdministrativeGender.FEMALE, birthDate, maleNumber)).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(outcome(e).getIssue())
                        .anySatisfy(issue -> assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE)));

        client.create().resource(patient("王强", AdministrativeGender.MALE, birthDate, maleNumber)).execute();
        assertThatThrownBy(() -> client.create()
                .resource(patient("王强强", AdministrativeGender.MALE, birthDate, maleNumber)).execute())
                .isInstanceOfSatisfying(ResourceVersionConflictException.class, e -> assertThat(outcome(e).getIssue())
                        .anySatisfy(issue -> assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.DUPLICATE)));
    }

    @Test
    void refusesAPatientWithoutEthnicityOrVillageSayingWhichExtensionIsMissing() {
        Patient patient = patient("赵敏", AdministrativeGender.FEMALE, LocalDate.of(1970, 1, 2),
                uniqueIdNumber(LocalDate.of(1970, 1, 2), false));
        patient.getExtension().clear();
        patient.getAddressFirstRep().getExtension().clear();

        assertThatThrownBy(() -> client.create().resource(patient).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(outcome(e).getIssue())
                        .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                        .anySatisfy(text -> assertThat(text).contains(FhirSystems.ETHNICITY_EXTENSION))
                        .anySatisfy(text -> assertThat(text).contains(FhirSystems.DIVISION_EXTENSION)));
    }

    @Test
    void updatesWithTheCurrentVersionAndRefusesAStaleIfMatchWith412() {
        LocalDate birthDate = LocalDate.of(1960, 10, 1);
        String idNumber = uniqueIdNumber(birthDate, true);
        String id = client.create().resource(patient("孙建国", AdministrativeGender.MALE, birthDate, idNumber))
                .execute().getId().getIdPart();
        Patient read = client.read().resource(Patient.class).withId(id).execute();
        String version = read.getMeta().getVersionId();

        read.getAddressFirstRep().setText("清水县新华路 8 号");
        MethodOutcome updated = client.update().resource(read).withId(new IdType("Patient", id, version)).execute();

        assertThat(updated.getId().getVersionIdPart()).isEqualTo(Integer.toString(Integer.parseInt(version) + 1));
        Patient after = client.read().resource(Patient.class).withId(id).execute();
        assertThat(after.getAddressFirstRep().getText()).isEqualTo("清水县新华路 8 号");
        assertThat(after.getIdentifier()).filteredOn(i -> FhirSystems.RESIDENT_ID.equals(i.getSystem())).hasSize(1);

        HttpResponse<String> stale = rawUpdate(id, FHIR.newJsonParser().encodeResourceToString(read), version);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(outcome(stale).getIssueFirstRep().getDiagnostics()).contains("version");
    }

    private HttpResponse<String> rawUpdate(String id, String body, String version) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/Patient/" + id))
                .header("Accept", "application/fhir+json").header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).header("If-Match", "W/\"" + version + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void answersUnknownIdsWith404AndUnsupportedInteractionsWith4xxOperationOutcomes() {
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId("999999999").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId("abc").execute())
                .isInstanceOf(ResourceNotFoundException.class);

        HttpResponse<String> delete = raw("DELETE", "/Patient/1", null, token);
        assertThat(delete.statusCode()).isIn(405, 501);
        assertThat(outcome(delete).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);

        HttpResponse<String> encounter = raw("GET", "/Encounter/1", null, token);
        assertThat(encounter.statusCode()).isBetween(400, 499);
        outcome(encounter);

        HttpResponse<String> everyone = raw("GET", "/Patient", null, token);
        assertThat(everyone.statusCode()).isEqualTo(400);
        assertThat(outcome(everyone).getIssueFirstRep().getDiagnostics()).contains("identifier");
    }

    @Test
    void answersMalformedJsonWith400() {
        HttpResponse<String> response = raw("POST", "/Patient", "{\"resourceType\": \"Patient\", \"name\": [", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void answersRequestsWithoutAValidTokenWith401OperationOutcome() {
        HttpResponse<String> none = raw("GET", "/Patient/1", null, null);
        HttpResponse<String> wrong = raw("GET", "/Patient/1", null, "yw_nope_" + "x".repeat(30));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(outcome(none).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(outcome(wrong).getIssueFirstRep().getDiagnostics()).contains("Bearer");
    }

    @Test
    void servesTheCapabilityStatementWithoutATokenButNothingElse() {
        HttpResponse<String> metadata = raw("GET", "/metadata", null, null);

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement").doesNotContain("OperationOutcome");
        assertThat(raw("GET", "/Patient?name=Zhang", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void pagesANameSearchWithCountAndNextLinks() {
        String surname = jdbc.sql("""
                        select left(name, 1) from mpi.resident where voided_at is null
                        group by 1 having count(*) > 5 order by count(*) desc limit 1""")
                .query(String.class).single();

        Bundle first = client.search().forResource(Patient.class).where(Patient.NAME.matches().value(surname))
                .count(2).returnBundle(Bundle.class).execute();
        assertThat(first.getEntry()).hasSize(2);
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
        Bundle second = client.loadPage().next(first).execute();

        assertThat(second.getEntry()).hasSize(2);
        assertThat(second.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .doesNotContainAnyElementsOf(first.getEntry().stream()
                        .map(e -> e.getResource().getIdElement().getIdPart()).toList());
        assertThat(second.getEntry()).allSatisfy(e -> assertThat(((Patient) e.getResource()).getNameFirstRep().getText())
                .startsWith(surname));
    }

    @Test
    void honoursAtMostTheMaximumPageSize() {
        Bundle page = client.search().forResource(Patient.class)
                .where(Patient.BIRTHDATE.exactly().day(jdbc.sql("""
                                select birth_date::text from mpi.resident where voided_at is null
                                group by 1 order by count(*) desc limit 1""").query(String.class).single()))
                .count(1000).returnBundle(Bundle.class).execute();

        assertThat(page.getEntry().size()).isLessThanOrEqualTo(100);
    }

    @Test
    void refusesAStaleVersionWithoutIfMatchWith409() {
        LocalDate birthDate = LocalDate.of(1966, 3, 3);
        String id = client.create().resource(patient("周红", AdministrativeGender.FEMALE, birthDate,
                uniqueIdNumber(birthDate, false))).execute().getId().getIdPart();
        Patient read = client.read().resource(Patient.class).withId(id).execute();
        read.getMeta().setVersionId("999");

        assertThatThrownBy(() -> client.update().resource(read).withId(id).execute())
                .isInstanceOf(ResourceVersionConflictException.class);
        assertThatThrownBy(() -> client.update().resource(read).withId(new IdType("Patient", id, "999")).execute())
                .isInstanceOf(PreconditionFailedException.class);
    }
}
