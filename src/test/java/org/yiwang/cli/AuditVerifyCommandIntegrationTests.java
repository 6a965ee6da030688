package org.yiwang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditVerification;

/** {@code java -jar yiwang.jar audit-verify} reports tampering with its exit status (SEC-05, CRY-04). */
@IntegrationTest
class AuditVerifyCommandIntegrationTests {

    private final AuditVerifyCommand command;
    private final AuditTrail trail;
    private final AuditVerification verification;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    @Autowired
    AuditVerifyCommandIntegrationTests(AuditVerifyCommand command, AuditTrail trail, AuditVerification verification,
            JdbcClient jdbc, TransactionTemplate transactions) {
        this.command = command;
        this.trail = trail;
        this.verification = verification;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Test
    void exitsZeroWhenTheChainIsIntactAndOneWithTheFirstBrokenLinkWhenNot() throws Exception {
        long resident = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
        trail.record(AuditEvent.read(resident, "VIEW_RECORD", "Observation", "obs-1", "TREATMENT"));
        verification.verify(); // seals it
        long id = jdbc.sql("select id from platform.audit_event where resident_id = :r").param("r", resident)
                .query(Long.class).single();

        ByteArrayOutputStream intact = new ByteArrayOutputStream();
        assertThat(command.run(List.of(), new PrintStream(intact, true, StandardCharsets.UTF_8))).isZero();
        assertThat(intact.toString(StandardCharsets.UTF_8)).startsWith("Audit chain INTACT");

        tamper("update platform.audit_event set object_id = 'obs-other' where id = " + id);
        try {
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            assertThat(command.run(List.of(), new PrintStream(broken, true, StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(broken.toString(StandardCharsets.UTF_8))
                    .startsWith("Audit chain BROKEN")
                    .contains("First broken link: chain position")
                    .contains("audit entry " + id + ", HASH_MISMATCH");
        } finally {
            tamper("update platform.audit_event set object_id = 'obs-1' where id = " + id);
        }
    }

    private void tamper(String statement) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table platform.audit_event disable trigger audit_event_append_only").update();
            jdbc.sql(statement).update();
            jdbc.sql("alter table platform.audit_event enable trigger audit_event_append_only").update();
        });
    }
}
