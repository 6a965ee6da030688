package org.yiwang.platform.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.BrokenLink;
import org.yiwang.platform.audit.VerificationReport;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.testing.InsertStatements;
import org.yiwang.testing.WebSession;

/**
 * The audit trail against the real database: recording, sealing, tamper detection, the append-only
 * trigger, retention and the admin page (SEC-05 audit protected against deletion and modification,
 * SEC-06 retention, CRY-04 HMAC-SM3 integrity on audit logs). Tests that tamper restore the row afterwards,
 * because the database is shared by all integration tests of the run.
 */
@IntegrationTest
class AuditTrailIntegrationTests {

    private final AuditTrail trail;
    private final AuditVerification verification;
    private final AuditSealer sealer;
    private final AuditRetentionPurge purge;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MockMvc mvc;
    private final int port;
    private final OrganisationDirectory organisations;

    @Autowired
    AuditTrailIntegrationTests(AuditTrail trail, AuditVerification verification, AuditSealer sealer,
            AuditRetentionPurge purge, JdbcClient jdbc, TransactionTemplate transactions, WebApplicationContext web,
            @LocalServerPort int port, OrganisationDirectory organisations) {
        this.trail = trail;
        this.verification = verification;
        this.sealer = sealer;
        this.purge = purge;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mvc = MockMvcBuilders.webAppContextSetup(web).apply(springSecurity()).build();
        this.port = port;
        this.organisations = organisations;
    }

    @Test
    void recordsEventsAndSealsThemIntoAConsistentChain() {
        long resident = newResidentId();
        // As in a scheduled job: no HTTP request (the test framework binds a mock one to the test thread).
        RequestContextHolder.resetRequestAttributes();
        MDC.put(JdbcAuditTrail.CORRELATION_ID_KEY, "corr-" + resident);
        try {
            trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
            trail.record(AuditEvent.write(resident, "UPDATE_RECORD", "Observation", "obs-1", "TREATMENT"));
            trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Encounter", "enc-9", "REFERRAL"));
        } finally {
            MDC.remove(JdbcAuditTrail.CORRELATION_ID_KEY);
        }

        sealer.sealNow();

        List<StoredRow> rows = rowsOfResident(resident);
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.chainSeq()).isNotNull();
            assertThat(row.entryHash()).hasSize(AuditChain.HASH_LENGTH);
            assertThat(row.prevHash()).isEqualTo(entryHashAt(row.chainSeq() - 1));
            assertThat(row.correlationId()).isEqualTo("corr-" + resident);
            assertThat(row.actorUsername()).isNull(); // no one signed in: a system job
            assertThat(row.clientAddress()).isNull(); // no HTTP request
        });
        assertThat(rows).extracting(StoredRow::action).containsExactly("VIEW_RECORD", "UPDATE_RECORD", "VIEW_RECORD");
        assertThat(rows).extracting(StoredRow::chainSeq).isSorted();

        VerificationReport report = verification.verify();
        assertThat(report.intact()).as("report %s", report).isTrue();
        assertThat(report.entriesChecked()).isGreaterThanOrEqualTo(3);
        assertThat(report.lastChainSeq()).isGreaterThanOrEqualTo(rows.getLast().chainSeq());
        assertThat(report.algorithm()).isNotBlank();
    }

    @Test
    void concurrentReadsOutsideATransactionAreEachOnRecordBeforeTheyReturnAndTheyChain() throws Exception {
        long resident = newResidentId();
        int readers = 48;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(readers);
        java.util.Set<String> missingWhenReturned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < readers; i++) {
                String objectId = "obs-" + i;
                calls.add(executor.submit(() -> {
                    start.await();
                    trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", objectId, "TREATMENT"));
                    // another connection: the entry must be committed, not just written
                    long seen = jdbc.sql("select count(*) from platform.audit_event where resident_id = :r and object_id = :o")
                            .param("r", resident).param("o", objectId).query(Long.class).single();
                    if (seen != 1) {
                        missingWhenReturned.add(objectId);
                    }
                    return null;
                }));
            }
            for (var call : calls) {
                call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        sealer.sealNow();

        assertThat(missingWhenReturned).isEmpty();
        List<StoredRow> rows = rowsOfResident(resident);
        assertThat(rows).hasSize(readers);
        assertThat(rows).extracting(StoredRow::chainSeq).doesNotContainNull().isSorted();
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void recordsManyEventsWithOneStatementInListOrderAndTheyChainAndVerify() {
        long resident = newResidentId();
        RequestContextHolder.resetRequestAttributes();
        List<AuditEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(i % 3 == 0 ? AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-" + i, "TREATMENT")
                    : AuditEvent.write(resident, "RECORD_ENTRY", "Observation", "obs-" + i, "TREATMENT"));
        }

        List<InsertStatements.Statement> statements;
        try (InsertStatements inserts = InsertStatements.on(jdbc, "platform.audit_event:resident_id")) {
            transactions.executeWithoutResult(status -> trail.recordAll(events));
            statements = inserts.of("platform.audit_event", resident);
        }
        sealer.sealNow();

        assertThat(statements).as("one multi-row insert, not a statement per entry")
                .extracting(InsertStatements.Statement::rows).containsExactly(25);
        List<StoredRow> rows = rowsOfResident(resident);
        assertThat(rows).extracting(StoredRow::objectId)
                .as("ids follow the list").containsExactlyElementsOf(events.stream().map(AuditEvent::objectId).toList());
        assertThat(rows).extracting(StoredRow::action).containsExactlyElementsOf(
                events.stream().map(AuditEvent::action).toList());
        assertThat(rows).extracting(StoredRow::chainSeq).doesNotContainNull().isSorted();
        assertThat(rows).allSatisfy(row -> assertThat(row.prevHash()).isEqualTo(entryHashAt(row.chainSeq() - 1)));
        VerificationReport report = verification.verify();
        assertThat(report.intact()).as("report %s", report).isTrue();
    }

    @Test
    void verificationFindsAStoredRowThatWasAltered() {
        long resident = newResidentId();
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-2", "TREATMENT"));
        sealer.sealNow();
        StoredRow victim = rowsOfResident(resident).getFirst();

        // A database superuser hides who looked: bypass the trigger and rewrite the purpose.
        tamper("update platform.audit_event set purpose = 'PUBLIC_HEALTH' where id = " + victim.id());
        try {
            VerificationReport report = verification.verify();

            assertThat(report.intact()).isFalse();
            assertThat(report.firstBreak())
                    .isEqualTo(new BrokenLink(victim.chainSeq(), victim.id(), BrokenLink.Reason.HASH_MISMATCH));
        } finally {
            tamper("update platform.audit_event set purpose = 'TREATMENT' where id = " + victim.id());
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void verificationFindsADeletedRowInTheMiddle() {
        long resident = newResidentId();
        for (int i = 1; i <= 3; i++) {
            trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-" + i, "TREATMENT"));
        }
        sealer.sealNow();
        List<StoredRow> rows = rowsOfResident(resident);
        StoredRow middle = rows.get(1);
        String backup = "public.audit_tamper_backup_" + middle.id();

        tamper("create table " + backup + " as select * from platform.audit_event where id = " + middle.id(),
                "delete from platform.audit_event where id = " + middle.id());
        try {
            VerificationReport report = verification.verify();

            assertThat(report.intact()).isFalse();
            BrokenLink broken = report.firstBreak();
            assertThat(broken.reason()).isEqualTo(BrokenLink.Reason.SEQUENCE_GAP);
            assertThat(broken.chainSeq()).isEqualTo(middle.chainSeq());
            assertThat(broken.auditEventId()).isEqualTo(jdbc.sql("select event_id from platform.audit_seal where chain_seq = :s")
                    .param("s", middle.chainSeq() + 1).query(Long.class).single());
        } finally {
            tamper("insert into platform.audit_event overriding system value select * from " + backup,
                    "drop table " + backup);
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void sealingChainsAnEntryWithoutRewritingItsRowAndEmptiesTheQueue() {
        long resident = newResidentId();
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
        long id = rowsOfResident(resident).getFirst().id();
        String versionBefore = jdbc.sql("select xmin::text from platform.audit_event where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(jdbc.sql("select count(*) from platform.audit_unsealed where event_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);

        sealer.sealNow();

        // the row version (xmin) is the insert's: sealing wrote the link beside the entry, not into it
        assertThat(jdbc.sql("select xmin::text from platform.audit_event where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(versionBefore);
        assertThat(rowsOfResident(resident).getFirst().chainSeq()).isNotNull();
        assertThat(jdbc.sql("select count(*) from platform.audit_unsealed where event_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void verificationFindsAnEntryWrittenAroundTheTrailThatTheSealerWouldNeverChain() {
        long resident = newResidentId();
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
        sealer.sealNow();
        long forged = jdbc.sql("""
                        insert into platform.audit_event (occurred_at, category, action, outcome, resident_id, purpose)
                        values (now(), 'HEALTH_DATA_READ', 'VIEW_RECORD', 'SUCCESS', :r, 'TREATMENT') returning id""")
                .param("r", resident).query(Long.class).single();
        try {
            sealer.sealNow();
            VerificationReport report = verification.verify();

            assertThat(report.intact()).isFalse();
            assertThat(report.firstBreak()).isEqualTo(new BrokenLink(0, forged, BrokenLink.Reason.UNCHAINED));
        } finally {
            tamper("delete from platform.audit_event where id = " + forged);
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAuditEntries() {
        long resident = newResidentId();
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
        sealer.sealNow();
        StoredRow row = rowsOfResident(resident).getFirst();

        assertThatThrownBy(() -> jdbc.sql("update platform.audit_event set detail = 'x' where id = :id")
                .param("id", row.id()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update platform.audit_seal set chain_seq = chain_seq + 1000000 where event_id = :id")
                .param("id", row.id()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from platform.audit_seal where event_id = :id").param("id", row.id()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate platform.audit_seal").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from platform.audit_event where id = :id").param("id", row.id()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate platform.audit_event").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        // The purge's switch alone is not enough: only entries already behind the retention anchor may go.
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('yiwang.audit_purge', 'on', true)").query((rs, n) -> 1).single();
            jdbc.sql("delete from platform.audit_event where id = :id").param("id", row.id()).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        // An entry waiting for the sealer cannot be changed either (one taken out of the queue unsealed is reported by
        // verification: verificationFindsAnEntryWrittenAroundTheTrailThatTheSealerWouldNeverChain).
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-2", "TREATMENT"));
            jdbc.sql("update platform.audit_event set purpose = 'OTHER' where resident_id = :r and object_id = 'obs-2'")
                    .param("r", resident).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");

        assertThat(rowsOfResident(resident)).containsExactly(row);
    }

    @Test
    void purgeRemovesTheOldestEntriesAndTheChainStillVerifies() throws InterruptedException {
        long resident = newResidentId();
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "old", "TREATMENT"));
        Thread.sleep(5);
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "kept-1", "TREATMENT"));
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "kept-2", "TREATMENT"));
        sealer.sealNow();
        List<StoredRow> rows = rowsOfResident(resident);
        StoredRow old = rows.getFirst();
        Instant cutoff = rows.get(1).occurredAt();

        long purged = purge.purgeOlderThan(cutoff);

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(rowsOfResident(resident)).extracting(StoredRow::objectId).containsExactly("kept-1", "kept-2");
        assertThat(jdbc.sql("select purged_through_seq from platform.audit_chain_anchor").query(Long.class).single())
                .isEqualTo(old.chainSeq());
        VerificationReport report = verification.verify();
        assertThat(report.intact()).as("report %s", report).isTrue();
        assertThat(report.firstChainSeq()).isEqualTo(old.chainSeq() + 1);
        assertThat(purge.purgeOlderThan(cutoff)).isZero();
    }

    @Test
    void retentionUnderOneHundredEightyDaysIsRefusedAtStartup() {
        // SEC-06: the Cybersecurity Law requires network logs to be kept at least 6 months.
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(AuditSettingsOnly.class);

        runner.withPropertyValues("yiwang.audit.retention=90d").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("SEC-06");
        });
        runner.withPropertyValues("yiwang.audit.retention=365d").run(context ->
                assertThat(context.getBean(AuditProperties.class).retention().toDays()).isEqualTo(365));
        runner.run(context -> assertThat(context.getBean(AuditProperties.class).retention().toDays()).isEqualTo(180));
    }

    @Test
    void signInIsRecordedWithActorRoleOrganisationAndAddressAndShownToTheAdministrator() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);

        StoredLogin login = jdbc.sql("""
                        select actor_username, actor_role, actor_kind, organisation_id, client_address, correlation_id
                        from platform.audit_event where action = 'LOGIN' and actor_username = 'admin' order by id desc limit 1""")
                .query((rs, n) -> new StoredLogin(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getString(5), rs.getString(6)))
                .single();
        assertThat(login.role()).isEqualTo("SYSTEM_ADMIN");
        assertThat(login.kind()).isEqualTo("STAFF");
        assertThat(login.organisationId()).isNotNull();
        assertThat(login.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(login.correlationId()).isNotBlank();

        var page = admin.get("/admin/audit?user=admin&action=LOGIN&lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        String organisationName = organisations.names(List.of(login.organisationId()), Locale.ENGLISH)
                .get(login.organisationId());
        assertThat(page.body()).contains("data-testid=\"audit-table\"").contains("System administrator")
                .contains(">" + organisationName + "<");

        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/admin/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void adminPageIsForbiddenToOtherRoles() throws Exception {
        mvc.perform(get("/admin/audit").with(user("nurse.wang").roles("NURSE"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/audit/verify").with(user("doctor.li").roles("DOCTOR")).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void adminPageListsEntriesNewestFirstInPagesOfFifty() throws Exception {
        long resident = newResidentId();
        for (int i = 1; i <= 51; i++) {
            trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-" + i, "TREATMENT"));
        }

        String first = mvc.perform(get("/admin/audit").param("resident", Long.toString(resident))
                        .with(user("admin").roles("SYSTEM_ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(count(first, "data-audit-id=")).isEqualTo(50);
        assertThat(first).contains("Observation/obs-51").doesNotContain("Observation/obs-1<");
        Matcher older = Pattern.compile("href=\"([^\"]*before=[^\"]*)\"").matcher(first);
        assertThat(older.find()).isTrue();
        String next = mvc.perform(get(older.group(1).replace("&amp;", "&")).with(user("admin").roles("SYSTEM_ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(count(next, "data-audit-id=")).isEqualTo(1);
        assertThat(next).contains("Observation/obs-1<").doesNotContain("before=");
    }

    @Test
    void adminPageFiltersByUserAndShowsRoleNamesAndFailedLogins() throws Exception {
        String username = "doctor.audit" + newResidentId();
        jdbc.sql("""
                        with e as (
                        insert into platform.audit_event (occurred_at, category, action, outcome, actor_account_id,
                            actor_username, actor_role, actor_kind, organisation_id, resident_id, object_type, object_id, purpose)
                        values (now(), 'HEALTH_DATA_READ', 'VIEW_RECORD', 'SUCCESS', 1, :u, 'DOCTOR', 'STAFF', 987654321,
                            12345, 'Observation', 'obs-7', 'TREATMENT')
                            returning id)
                        insert into platform.audit_unsealed (event_id) select id from e""")
                .param("u", username).update();
        trail.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, username, "bad password"));

        String page = mvc.perform(get("/admin/audit").param("user", username).param("lang", "en")
                        .with(user("admin").roles("SYSTEM_ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(count(page, "data-audit-id=")).isEqualTo(2);
        assertThat(page).contains(username).contains(">Doctor<").contains(">987654321<")
                .contains("Health data read").contains("Security event").contains("bad password");
        assertThat(page.indexOf("LOGIN")).as("newest first").isLessThan(page.indexOf("VIEW_RECORD"));
    }

    @Test
    void adminPageExplainsABadFilterInsteadOfFailing() throws Exception {
        String page = mvc.perform(get("/admin/audit").param("from", "yesterday").param("resident", "abc")
                        .param("lang", "en").with(user("admin").roles("SYSTEM_ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("The resident id must be a number.").contains("Enter a date and time");
    }

    @Test
    void adminPageRejectsTimesBeyondWhatTheDatabaseStores() throws Exception {
        String page = mvc.perform(get("/admin/audit").param("to", "+999999999-12-31T23:59")
                        .param("lang", "en").with(user("admin").roles("SYSTEM_ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Enter a date and time");
    }

    @Test
    void verifyButtonReportsAnIntactChainAndIsItselfAudited() throws Exception {
        String fragment = mvc.perform(post("/admin/audit/verify").header("HX-Request", "true")
                        .param("lang", "en").with(user("admin").roles("SYSTEM_ADMIN")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(fragment).contains("yw-ok").contains("Hash chain intact").doesNotContain("<html");
        // Without htmx the button still works: the whole page comes back with the result.
        String page = mvc.perform(post("/admin/audit/verify").param("lang", "en")
                        .with(user("admin").roles("SYSTEM_ADMIN")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html").contains("Hash chain intact").contains("data-testid=\"audit-filter\"");
        String address = jdbc.sql("""
                        select client_address from platform.audit_event where action = 'AUDIT_VERIFY'
                        order by id desc limit 1""").query(String.class).single();
        assertThat(address).isEqualTo("127.0.0.1");
    }

    private void tamper(String... statements) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table platform.audit_event disable trigger audit_event_append_only").update();
            for (String statement : statements) {
                jdbc.sql(statement).update();
            }
            jdbc.sql("alter table platform.audit_event enable trigger audit_event_append_only").update();
        });
    }

    private List<StoredRow> rowsOfResident(long resident) {
        return jdbc.sql("""
                        select id, occurred_at, action, object_id, actor_username, client_address, correlation_id,
                               chain_seq, prev_hash, entry_hash
                        from platform.audit_event left join platform.audit_seal on event_id = id
                        where resident_id = :r order by id""")
                .param("r", resident)
                .query((rs, n) -> new StoredRow(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("action"), rs.getString("object_id"), rs.getString("actor_username"),
                        rs.getString("client_address"), rs.getString("correlation_id"),
                        rs.getObject("chain_seq", Long.class), rs.getBytes("prev_hash"), rs.getBytes("entry_hash")))
                .list();
    }

    private byte[] entryHashAt(long chainSeq) {
        if (chainSeq == 0) {
            return AuditChain.genesisHash();
        }
        return jdbc.sql("select entry_hash from platform.audit_seal where chain_seq = :s").param("s", chainSeq)
                .query((rs, n) -> rs.getBytes(1)).optional()
                // Behind a purge, the predecessor is the anchor.
                .orElseGet(() -> jdbc.sql("select purged_through_hash from platform.audit_chain_anchor")
                        .query((rs, n) -> rs.getBytes(1)).single());
    }

    private static long newResidentId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    record StoredLogin(String username, String role, String kind, Long organisationId, String clientAddress,
            String correlationId) {
    }

    record StoredRow(long id, Instant occurredAt, String action, String objectId, String actorUsername,
            String clientAddress, String correlationId, Long chainSeq, byte[] prevHash, byte[] entryHash) {

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredRow row && row.id == id && java.util.Objects.equals(row.chainSeq, chainSeq)
                    && java.util.Arrays.equals(row.entryHash, entryHash) && java.util.Objects.equals(row.objectId, objectId);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    /** Only the audit settings; deliberately not a nested @Configuration, which would replace the test's context. */
    @EnableConfigurationProperties(AuditProperties.class)
    static class AuditSettingsOnly {
    }
}
