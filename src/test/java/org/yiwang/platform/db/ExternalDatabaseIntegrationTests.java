package org.yiwang.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.YiwangApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pointing SPRING_DATASOURCE_URL at another PostgreSQL switches the embedded one off, loads no demo data
 * unless asked, and requires a configured master key. A separate PostgreSQL server plays the external one.
 */
class ExternalDatabaseIntegrationTests {

    static EmbeddedPostgres external;
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @BeforeAll
    static void startExternalServer() throws Exception {
        external = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopExternalServer() throws Exception {
        external.close();
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(YiwangApplication.class)
                .properties("spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                        "spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0");
    }

    /** Command-line arguments, which override application.yml as environment variables would. */
    private static String masterKey(String key) {
        return "--yiwang.crypto.master-key=" + key;
    }

    @Test
    void externalDatabaseReplacesTheEmbeddedOneAndGetsNoDemoData() {
        try (ConfigurableApplicationContext context = application().run(masterKey(MASTER_KEY))) {
            assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select current_setting('port')").query(String.class).single())
                    .isEqualTo(String.valueOf(external.getPort()));
            assertThat(jdbc.sql("select count(*) from platform.account").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from platform.demo_load").query(Long.class).single()).isZero();
        }
    }

    @Test
    void externalDatabaseWithoutAMasterKeyRefusesToStart() {
        assertThatThrownBy(() -> application().run(masterKey("")).close())
                .hasStackTraceContaining("YIWANG_MASTER_KEY");
    }

    @Test
    void commandLineToolRunsWithoutAWebServer() {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ConfigurableApplicationContext context = application()
                    .web(WebApplicationType.NONE).profiles("cli").run("audit-verify", masterKey(MASTER_KEY));
            exitCode = SpringApplication.exit(context);
        } finally {
            System.setOut(originalOut);
        }
        assertThat(exitCode).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).isNotBlank();
    }
}
