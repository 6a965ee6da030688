package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

/** Issue 5 point 7: the demo county's ECG centre has recordings waiting, including critical ones, all pre-analysed. */
@IntegrationTest
class EcgDemoDataIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCountyEcgCentreHasPreAnalysedDemoRecordingsIncludingACriticalStemiAndRapidAf() {
        long county = jdbc.sql("select id from registry.organisation where code = '519921-RMYY'").query(Long.class).single();
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("""
                select count(*) from ecg.recording where idempotency_key like 'demo-%' and status = 'RECEIVED'""")
                .query(Long.class).single() == 0);

        List<String> demo = jdbc.sql("""
                        select kind || ' ' || critical || ' ' || coalesce(analysis ->> 'rhythm', '?')
                        from ecg.recording where idempotency_key like 'demo-%' and reading_centre_id = :county
                        order by idempotency_key""")
                .param("county", county).query(String.class).list();
        assertThat(demo).hasSize(8);
        assertThat(jdbc.sql("""
                        select count(*) from ecg.recording where idempotency_key = 'demo-0' and critical
                        and analysis -> 'stElevatedLeads' ?? 'III'""").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from ecg.recording where idempotency_key = 'demo-1' and critical
                        and analysis ->> 'rhythm' = 'ATRIAL_FIBRILLATION'""").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from ecg.recording where idempotency_key like 'demo-%' and not critical""")
                .query(Long.class).single()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("select count(*) from ecg.recording where idempotency_key = 'demo-7' and kind = 'LONG_TERM' "
                + "and (analysis ->> 'segmentsAnalysed')::int = 6").query(Long.class).single()).isEqualTo(1);
    }
}
