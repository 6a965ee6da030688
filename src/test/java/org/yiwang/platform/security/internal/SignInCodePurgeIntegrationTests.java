package org.yiwang.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

@IntegrationTest
class SignInCodePurgeIntegrationTests {

    @Autowired
    SignInCodes codes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void purgesTheRowsOfNumbersThatAskedNothingSinceYesterdayAndKeepsTodaysCounters() {
        insert(new byte[] {1, 2, 3, 101}, "now() - interval '3 days'", "current_date - 3");
        insert(new byte[] {1, 2, 3, 102}, "now() - interval '2 hours'", "cast(now() at time zone 'Asia/Shanghai' as date)");

        codes.purgeStale();

        assertThat(jdbc.sql("select count(*) from platform.sign_in_code where phone_index = :i")
                .param("i", new byte[] {1, 2, 3, 101}).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from platform.sign_in_code where phone_index = :i")
                .param("i", new byte[] {1, 2, 3, 102}).query(Long.class).single()).isOne();
    }

    private void insert(byte[] index, String sentAt, String day) {
        jdbc.sql("insert into platform.sign_in_code (phone_index, code_hash, salt, issued_at, expires_at, last_sent_at, "
                        + "send_day, sent_on_day) values (:i, :h, :s, " + sentAt + ", " + sentAt + " + interval '5 minutes', "
                        + sentAt + ", " + day + ", 1)")
                .param("i", index).param("h", new byte[] {9}).param("s", new byte[] {8}).update();
    }
}
