package org.yiwang.mpi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.testing.WebSession;

/** The registrar's pages: register with field errors and candidates, edit with history, reveal audited. */
@IntegrationTest
class ResidentPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private WebSession registrar;
    private String village;

    @BeforeEach
    void signIn() {
        registrar = new WebSession(port);
        registrar.login("registrar", DemoMode.DEMO_PASSWORD);
        village = jdbc.sql("select division_code from registry.organisation where type = 'VILLAGE_CLINIC' order by code limit 1")
                .query(String.class).single();
    }

    private Map<String, String> form(String name, String sex, String birthDate, String idNumber, String phone) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("sex", sex);
        form.put("birthDate", birthDate);
        form.put("ethnicityCode", "01");
        form.put("documents[0].type", "RESIDENT_ID");
        form.put("documents[0].number", idNumber);
        form.put("phones[0]", phone);
        form.put("divisionCode", village);
        form.put("address", "清水县青石镇测试村 3 组 8 号");
        return form;
    }

    private long registered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        Matcher matcher = Pattern.compile("/mpi/residents/(\\d+)\\?registered").matcher(
                response.headers().firstValue("Location").orElseThrow());
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void registrarSeesEachInvalidFieldWithItsPreciseMessageAndNothingIsStored() {
        registrar.get("/mpi/residents/new");
        long before = jdbc.sql("select count(*) from mpi.resident").query(Long.class).single();
        HttpResponse<String> response = registrar.post("/mpi/residents",
                form("刘洋3", "", "2023-02-29", "11010519491231002" + "9", "12812345678"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("姓名第 3 个字符“3”无效")
                .contains("请选择性别。")
                .contains("出生日期 2023-02-29 不存在。")
                .contains("证件号码校验位（第 18 位）应为“X”，实际为“9”")
                .contains("手机号码应以 13–19 开头，当前为“12”")
                .contains("value=\"刘洋3\"");
        assertThat(jdbc.sql("select count(*) from mpi.resident").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void registrarRegistersAResidentAndSeesTheMaskedRecordWithPinyin() {
        LocalDate birthDate = LocalDate.of(1982, 4, 17);
        String idNumber = ResidentApiIntegrationTests.uniqueIdNumber(birthDate, false);
        registrar.get("/mpi/residents/new");
        long id = registered(registrar.post("/mpi/residents", form("歐陽娜娜", "2", birthDate.toString(), idNumber,
                ResidentApiIntegrationTests.uniqueMobile())));
        String page = registrar.get("/mpi/residents/" + id).body();
        assertThat(page).contains("歐陽娜娜").contains("ouyang nana").doesNotContain(idNumber)
                .contains(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));
        assertThat(jdbc.sql("select count(*) from mpi.resident_version where resident_id = :id and change = 'REGISTERED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void registrationShowsLikelyExistingResidentsAndNeedsAReasonToRegisterAnyway() {
        record Demo(String name, String sex, LocalDate birthDate) {
        }
        Demo demo = jdbc.sql("""
                        select name, sex::text, birth_date from mpi.resident where created_by = 'system:demo'
                          and id_number_index is not null order by id limit 1 offset 100""")
                .query((rs, n) -> new Demo(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .single();
        registrar.get("/mpi/residents/new");
        Map<String, String> form = form(demo.name(), demo.sex(), demo.birthDate().toString(), "", "");
        long before = jdbc.sql("select count(*) from mpi.resident").query(Long.class).single();
        HttpResponse<String> shown = registrar.post("/mpi/residents", form);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("可能已有档案").contains("姓名拼音与出生日期相同").contains("使用此居民");
        assertThat(jdbc.sql("select count(*) from mpi.resident").query(Long.class).single()).isEqualTo(before);
        form.put("registerAnywayReason", "同名同日生的另一位居民，已核对户口本");
        long id = registered(registrar.post("/mpi/residents", form));
        assertThat(jdbc.sql("select registered_despite from mpi.resident where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("同名同日生的另一位居民，已核对户口本");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where action = 'SHOW_DUPLICATE_CANDIDATE'")
                .query(Long.class).single()).isPositive();
    }

    /** Registers a resident with a fresh ID number and mobile through the page; answers the new id. */
    private long register(String name, String sex, LocalDate birthDate) {
        registrar.get("/mpi/residents/new");
        return registered(registrar.post("/mpi/residents", form(name, sex, birthDate.toString(),
                ResidentApiIntegrationTests.uniqueIdNumber(birthDate, "1".equals(sex)),
                ResidentApiIntegrationTests.uniqueMobile())));
    }

    @Test
    void editingKeepsThePreviousValuesWithWhoWhenAndWhy() {
        LocalDate birthDate = LocalDate.of(1975, 9, 30);
        long id = register("黄志强", "1", birthDate);
        registrar.get("/mpi/residents/" + id + "/edit");
        Map<String, String> edit = form("黄志強", "1", birthDate.toString(), "", "");
        edit.put("address", "清水县青石镇新村 1 号");
        edit.put("version", "1");
        HttpResponse<String> noReason = registrar.post("/mpi/residents/" + id, edit);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("请填写修改原因。");
        edit.put("reason", "居民搬家");
        assertThat(registrar.post("/mpi/residents/" + id, edit).statusCode()).isEqualTo(302);
        edit.put("reason", "再次修改");
        HttpResponse<String> stale = registrar.post("/mpi/residents/" + id, edit);
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("您看到的是第 1 版，现为第 2 版");
        String page = registrar.get("/mpi/residents/" + id).body();
        assertThat(page).contains("居民搬家").contains("清水县青石镇测试村 3 组 8 号").contains("清水县青石镇新村 1 号")
                .contains("registrar");
        assertThat(jdbc.sql("select snapshot ->> 'address' from mpi.resident_version where resident_id = :id and version = 1")
                .param("id", id).query(String.class).single()).isEqualTo("清水县青石镇测试村 3 组 8 号");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'UPDATE_RESIDENT'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void replacingAPhoneVoidsTheOldOneWithTheReasonAndMakesTheNewOnePrimary() {
        LocalDate birthDate = LocalDate.of(1968, 4, 12);
        long id = register("林秀兰", "2", birthDate);
        long oldPhone = jdbc.sql("select id from mpi.resident_phone where resident_id = :id").param("id", id)
                .query(Long.class).single();
        String newMobile = ResidentApiIntegrationTests.uniqueMobile();
        registrar.get("/mpi/residents/" + id + "/edit");
        Map<String, String> edit = form("林秀兰", "2", birthDate.toString(), "", newMobile);
        edit.put("voidPhoneIds", String.valueOf(oldPhone));
        edit.put("version", "1");
        edit.put("reason", "换了手机号");
        assertThat(registrar.post("/mpi/residents/" + id, edit).statusCode()).isEqualTo(302);

        assertThat(jdbc.sql("select void_reason, is_primary from mpi.resident_phone where id = :id").param("id", oldPhone)
                .query((rs, n) -> rs.getString(1) + " " + rs.getBoolean(2)).single()).isEqualTo("换了手机号 false");
        assertThat(jdbc.sql("select phone_masked from mpi.resident_phone where resident_id = :id and voided_at is null and is_primary")
                .param("id", id).query(String.class).single()).endsWith(newMobile.substring(7));
        assertThat(jdbc.sql("select phone_masked from mpi.resident where id = :id").param("id", id)
                .query(String.class).single()).endsWith(newMobile.substring(7));
        assertThat(jdbc.sql("select count(*) from mpi.identity_document where resident_id = :id and voided_at is null and is_primary")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void newbornWithoutDocumentNeedsAnAdultGuardian() {
        record Child(String hrn) {
        }
        String minorHrn = jdbc.sql("""
                        select health_record_number from mpi.resident
                        where birth_date > current_date - interval '10 years' order by id limit 1""")
                .query(String.class).single();
        registrar.get("/mpi/residents/new");
        Map<String, String> form = form("李小宝", "1", LocalDate.now().minusDays(3).toString(), "", "");
        HttpResponse<String> withoutGuardian = registrar.post("/mpi/residents", form);
        assertThat(withoutGuardian.statusCode()).isEqualTo(400);
        assertThat(withoutGuardian.body()).contains("必须关联监护人");
        form.put("guardianHealthRecordNumber", minorHrn);
        HttpResponse<String> minorGuardian = registrar.post("/mpi/residents", form);
        assertThat(minorGuardian.body()).contains("不能担任监护人");
        String adultHrn = jdbc.sql("""
                        select health_record_number from mpi.resident
                        where birth_date < current_date - interval '30 years' order by id limit 1""")
                .query(String.class).single();
        form.put("guardianHealthRecordNumber", adultHrn);
        form.put("name", "李小宝" + "乙");
        HttpResponse<String> response = registrar.post("/mpi/residents", form);
        if (response.statusCode() == 200) { // a demo baby of the same name and day is shown first
            form.put("registerAnywayReason", "新生儿");
            response = registrar.post("/mpi/residents", form);
        }
        long id = registered(response);
        assertThat(jdbc.sql("select g.health_record_number from mpi.resident r join mpi.resident g on g.id = r.guardian_resident_id where r.id = :id")
                .param("id", id).query(String.class).single()).isEqualTo(adultHrn);
    }

    @Test
    void revealingAFullNumberIsForRegistrarsAndAudited() {
        LocalDate birthDate = LocalDate.of(1960, 12, 1);
        String legacy = "510104" + "601201" + "457";
        registrar.get("/mpi/residents/new");
        long id = registered(registrar.post("/mpi/residents", form("孙国华", "1", birthDate.toString(), legacy, "")));
        long document = jdbc.sql("select id from mpi.identity_document where resident_id = :id").param("id", id)
                .query(Long.class).single();
        registrar.get("/mpi/residents/" + id);
        HttpResponse<String> revealed = registrar.post("/mpi/residents/" + id + "/documents/" + document + "/reveal", Map.of());
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(revealed.body()).contains("51010419601201457").contains("（原登记为 510104601201457）");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'REVEAL_IDENTITY_DOCUMENT'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);

        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/mpi/residents/" + id).statusCode()).isEqualTo(200);
        assertThat(doctor.get("/mpi/residents?q=sunguohua").body()).contains("孙国华");
        assertThat(doctor.post("/mpi/residents/" + id + "/documents/" + document + "/reveal", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(doctor.get("/mpi/residents/new").statusCode()).isEqualTo(403);
    }

    @Test
    void unmergeWithoutReasonIsRefusedWithTheMessageAndChangesNothing() {
        record Merged(long id, long survivor) {
        }
        Merged merged = jdbc.sql("""
                        select id, merged_into_id from mpi.resident where merged_into_id is not null
                        order by id desc limit 1""")
                .query((rs, n) -> new Merged(rs.getLong(1), rs.getLong(2))).single();
        registrar.get("/mpi/residents/" + merged.survivor());

        HttpResponse<String> refused = registrar.post("/mpi/residents/" + merged.id() + "/unmerge",
                Map.of("reason", "  ", "page", Long.toString(merged.survivor())));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("请填写撤销原因。").contains("data-testid=\"merged-from\"");
        assertThat(jdbc.sql("select merged_into_id from mpi.resident where id = :id").param("id", merged.id())
                .query(Long.class).single()).isEqualTo(merged.survivor());
        HttpResponse<String> notMerged = registrar.post("/mpi/residents/" + merged.survivor() + "/unmerge",
                Map.of("reason", "误操作"));
        assertThat(notMerged.statusCode()).isEqualTo(409);
        assertThat(notMerged.body()).contains("本档案当前没有被合并。");
    }
}
