package org.yiwang.mpi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.ResidentIdNumber;
import org.yiwang.platform.security.internal.ApiClients;
import org.yiwang.testing.WebSession;

/** POST/GET /api/mpi/residents as a township clinic's system would call them. */
@IntegrationTest
class ResidentApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    private String token;
    private String village;
    private WebSession web;

    @BeforeEach
    void issueToken() {
        long organisation = jdbc.sql("select id from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by code limit 1")
                .query(Long.class).single();
        token = apiClients.issue(organisation, "乡镇卫生院 HIS", "test").token();
        village = jdbc.sql("select division_code from registry.organisation where type = 'VILLAGE_CLINIC' order by code limit 1")
                .query(String.class).single();
        web = new WebSession(port);
    }

    static String uniqueIdNumber(LocalDate birthDate, boolean male) {
        int sequence = (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 500) * 2 + (male ? 1 : 0);
        return ResidentIdNumber.compose("510104", birthDate, sequence).value();
    }

    static String uniqueMobile() {
        return "139" + "%08d".formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000);
    }

    private String body(String name, String sex, String birthDate, String documentType, String number, String phone) {
        return """
                {"name": "%s", "sex": "%s", "birthDate": "%s", "ethnicityCode": "01",
                 "documents": [%s], "phones": [%s], "divisionCode": "%s", "address": "清水县测试路 1 号"}
                """.formatted(name, sex, birthDate,
                number == null ? "" : "{\"type\": \"" + documentType + "\", \"number\": \"" + number + "\"}",
                phone == null ? "" : "\"" + phone + "\"", village);
    }

    private HttpResponse<String> post(String json, String idempotencyKey, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/mpi/residents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return web.send(request.build());
    }

    private HttpResponse<String> get(String path) {
        return web.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private long idOf(HttpResponse<String> response) {
        var matcher = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        assertThat(matcher.find()).as(response.body()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void registersAResidentWithAHealthRecordNumberOfTheVillageAndEncryptedMaskedIdentifiers() {
        LocalDate birthDate = LocalDate.of(1979, 6, 14);
        String idNumber = uniqueIdNumber(birthDate, true);
        String phone = uniqueMobile();
        HttpResponse<String> created = post(body("欧阳明远", "1", birthDate.toString(), "RESIDENT_ID", idNumber, phone),
                null, "zh-CN");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = idOf(created);
        assertThat(created.headers().firstValue("Location")).contains("/api/mpi/residents/" + id);
        String hrn = jdbc.sql("select health_record_number from mpi.resident where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(hrn).startsWith(village).hasSize(17); // REC-03
        assertThat(jdbc.sql("select pinyin from mpi.resident where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("ouyang mingyuan");
        String stored = jdbc.sql("select encode(number_ciphertext, 'escape') || number_masked from mpi.identity_document where resident_id = :id")
                .param("id", id).query(String.class).single();
        assertThat(stored).doesNotContain(idNumber);
        HttpResponse<String> read = get("/api/mpi/residents/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("欧阳明远").contains(idNumber.substring(0, 4) + "**********" + idNumber.substring(14))
                .doesNotContain(idNumber).doesNotContain(phone).contains(phone.substring(0, 3) + "****");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action in ('REGISTER_RESIDENT', 'VIEW_RESIDENT_DETAILS')")
                .param("id", id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void concurrentRegistrationsInOneVillageGetConsecutiveNumbersWithTheirDocumentsAndPhones() throws Exception {
        int count = 6;
        List<String> passports = new java.util.ArrayList<>();
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate birthDate = LocalDate.of(1960 + i, 3, 9);
            String passport = "E" + "%08d".formatted(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 100_000_000);
            passports.add(passport);
            String json = """
                    {"name": "上官秀英", "sex": "2", "birthDate": "%s", "ethnicityCode": "01",
                     "documents": [{"type": "PASSPORT", "number": "%s", "issuingCountry": "CHN"},
                                   {"type": "RESIDENT_ID", "number": "%s"}],
                     "phones": ["%s", "%s"], "divisionCode": "%s", "address": "清水县测试路 2 号"}
                    """.formatted(birthDate, passport, uniqueIdNumber(birthDate, false), uniqueMobile(), uniqueMobile(),
                    village);
            calls.add(() -> post(json, null, "zh-CN"));
        }
        List<Long> ids = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(count)) {
            for (var future : pool.invokeAll(calls)) {
                HttpResponse<String> created = future.get();
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                ids.add(idOf(created));
            }
        }
        record Row(String number, int documents, int primaryDocuments, int phones, int primaryPhones,
                boolean residentIdOnRow, boolean phoneOnRow, String snapshotNumber) {
        }
        List<Row> rows = jdbc.sql("""
                        select r.health_record_number,
                               (select count(*) from mpi.identity_document d where d.resident_id = r.id),
                               (select count(*) from mpi.identity_document d where d.resident_id = r.id and d.is_primary
                                  and d.type = 'PASSPORT'),
                               (select count(*) from mpi.resident_phone p where p.resident_id = r.id),
                               (select count(*) from mpi.resident_phone p where p.resident_id = r.id and p.is_primary),
                               r.id_number_index = (select d.number_index from mpi.identity_document d
                                                    where d.resident_id = r.id and d.type = 'RESIDENT_ID'),
                               r.phone_index = (select p.phone_index from mpi.resident_phone p
                                                where p.resident_id = r.id and p.is_primary),
                               (select v.snapshot ->> 'healthRecordNumber' from mpi.resident_version v
                                where v.resident_id = r.id and v.change = 'REGISTERED')
                        from mpi.resident r where r.id in (:ids) order by r.health_record_number
                        """).param("ids", ids)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getString(8)))
                .list();
        assertThat(rows).hasSize(count);
        int first = Integer.parseInt(rows.getFirst().number().substring(12));
        for (int i = 0; i < count; i++) {
            Row row = rows.get(i);
            // REC-03: the village's serials in order of creation, none skipped, none repeated
            assertThat(row.number()).isEqualTo(village + "%05d".formatted(first + i));
            assertThat(row).extracting(Row::documents, Row::primaryDocuments, Row::phones, Row::primaryPhones,
                    Row::residentIdOnRow, Row::phoneOnRow, Row::snapshotNumber)
                    .containsExactly(2, 1, 2, 1, true, true, row.number());
        }
    }

    @Test
    void answersInvalidFieldsWithPreciseMessagesInTheClientsLanguage() {
        String wrongCheck = "11010519491231002" + "9";
        HttpResponse<String> chinese = post(body("张伟", "2", "1949-12-31", "RESIDENT_ID", wrongCheck, "1381234567"),
                null, "zh-CN");
        assertThat(chinese.statusCode()).isEqualTo(400);
        assertThat(chinese.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(chinese.body()).contains("documents[0].number").contains("校验位（第 18 位）应为“X”，实际为“9”")
                .contains("phones[0]").contains("手机号码应为 11 位，当前为 10 位");
        HttpResponse<String> english = post(body("张伟", "1", "1990-02-30", "RESIDENT_ID", null, null), null, "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("\"birthDate\"").contains("The birth date 1990-02-30 does not exist.");
    }

    @Test
    void refusesAnAddressDivisionThatIsNotAVillageOfTheCountyAndStoresNothing() {
        LocalDate birthDate = LocalDate.of(1972, 5, 6);
        String idNumber = uniqueIdNumber(birthDate, true);
        String township = jdbc.sql("select division_code from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by code limit 1")
                .query(String.class).single();
        for (String division : List.of("999999999999", township + "999")) {
            String json = body("赵刚", "1", birthDate.toString(), "RESIDENT_ID", idNumber, null)
                    .replace("\"divisionCode\": \"" + village + "\"", "\"divisionCode\": \"" + division + "\"");
            HttpResponse<String> response = post(json, null, "zh-CN");
            assertThat(response.statusCode()).as(division).isEqualTo(400);
            assertThat(response.body()).contains("divisionCode").contains(division);
        }
        assertThat(jdbc.sql("select count(*) from mpi.resident where name = '赵刚' and birth_date = :birth")
                .param("birth", birthDate).query(Long.class).single()).isZero();
        assertThat(post(body("赵刚", "1", birthDate.toString(), "RESIDENT_ID", idNumber, null), null, "zh-CN").statusCode())
                .isEqualTo(201);
    }

    @Test
    void refusesTheBirthDateOrSexThatContradictsTheIdNumber() {
        String idNumber = uniqueIdNumber(LocalDate.of(1985, 3, 4), true);
        HttpResponse<String> response = post(body("李强", "2", "1985-04-03", "RESIDENT_ID", idNumber, null), null, "zh-CN");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("出生日期 1985-04-03 与证件号码中的出生日期 1985-03-04 不一致（ID-01）")
                .contains("表示男性，与所选性别不一致（ID-02）");
    }

    @Test
    void returnsTheSameResidentForARetryWithTheSameIdempotencyKey() {
        LocalDate birthDate = LocalDate.of(1991, 8, 9);
        String json = body("王秀英", "2", birthDate.toString(), "RESIDENT_ID", uniqueIdNumber(birthDate, false), null);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post(json, key, "zh-CN");
        HttpResponse<String> retry = post(json, key, "zh-CN");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(idOf(retry)).isEqualTo(idOf(first));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> reused = post(body("王秀兰", "2", birthDate.toString(), "RESIDENT_ID",
                uniqueIdNumber(birthDate, false), null), key, "zh-CN");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains(key);
    }

    @Test
    void refusesADocumentAlreadyRegisteredNamingTheHoldersRecordNumberButNotTheirName() {
        LocalDate birthDate = LocalDate.of(1970, 1, 20);
        String idNumber = uniqueIdNumber(birthDate, true);
        HttpResponse<String> first = post(body("赵建国", "1", birthDate.toString(), "RESIDENT_ID", idNumber, null), null, "zh-CN");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String hrn = jdbc.sql("select health_record_number from mpi.resident where id = :id").param("id", idOf(first))
                .query(String.class).single();
        String legacy = idNumber.substring(0, 6) + idNumber.substring(8, 17);
        HttpResponse<String> again = post(body("赵建国", "1", birthDate.toString(), "RESIDENT_ID", legacy, null), null, "zh-CN");
        assertThat(again.statusCode()).isEqualTo(400);
        // the holder's name would be disclosed without an audit entry (the refused registration writes none)
        assertThat(again.body()).contains("该证件号码已登记在健康档案号 " + hrn + " 的居民名下").doesNotContain("赵建国");
    }

    @Test
    void reportsLikelyExistingResidentsWithTheirReasons() {
        LocalDate birthDate = LocalDate.of(1988, 11, 5);
        String phone = uniqueMobile();
        HttpResponse<String> first = post(body("张伟", "1", birthDate.toString(), "RESIDENT_ID",
                uniqueIdNumber(birthDate, true), phone), null, "zh-CN");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // the same man registered elsewhere with a homophone surname and no ID card
        HttpResponse<String> second = post(body("章伟", "1", birthDate.toString(), "RESIDENT_ID", null, phone), null, "zh-CN");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.body()).contains("\"id\":" + idOf(first)).contains("SAME_PINYIN_AND_BIRTH_DATE").contains("SAME_PHONE");
        HttpResponse<String> search = get("/api/mpi/residents?q=zhangwei&birthDate=" + birthDate);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("张伟").contains("章伟");
    }

    @Test
    void findsAResidentByIdNumberAndByPhone() {
        LocalDate birthDate = LocalDate.of(1966, 2, 2);
        String idNumber = uniqueIdNumber(birthDate, false);
        String phone = uniqueMobile();
        long id = idOf(post(body("陈桂芳", "2", birthDate.toString(), "RESIDENT_ID", idNumber, phone), null, "zh-CN"));
        assertThat(get("/api/mpi/residents?q=" + idNumber).body()).contains("\"id\":" + id);
        assertThat(get("/api/mpi/residents?q=" + phone).body()).contains("\"id\":" + id);
        assertThat(get("/api/mpi/residents?q=" + java.net.URLEncoder.encode("陳桂", java.nio.charset.StandardCharsets.UTF_8)).body())
                .contains("\"id\":" + id);
        assertThat(get("/api/mpi/residents").statusCode()).isEqualTo(400);
        assertThat(get("/api/mpi/residents/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void readingAMergedResidentsIdAnswersWithTheSurvivorAndNamesItsUrl() {
        record Merged(long id, long survivor) {
        }
        // the demo county's first deduplication merged its look-alike registrations
        Merged merged = jdbc.sql("""
                        select id, merged_into_id from mpi.resident r where merged_into_id is not null
                          and not exists (select 1 from mpi.resident s where s.id = r.merged_into_id
                                          and s.merged_into_id is not null)
                        order by id limit 1""")
                .query((rs, n) -> new Merged(rs.getLong(1), rs.getLong(2))).single();

        HttpResponse<String> response = get("/api/mpi/residents/" + merged.id());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Location")).contains("/api/mpi/residents/" + merged.survivor());
        assertThat(response.body()).contains("\"id\":" + merged.survivor());
        HttpResponse<String> survivor = get("/api/mpi/residents/" + merged.survivor());
        assertThat(survivor.headers().firstValue("Content-Location")).isEmpty();
        assertThat(get("/api/mpi/residents/987654321").statusCode()).isEqualTo(404);
    }
}
