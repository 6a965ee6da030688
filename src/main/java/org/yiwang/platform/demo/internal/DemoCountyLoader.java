package org.yiwang.platform.demo.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.internal.DemoLoginsPrinter;

/**
 * Loads the demo county once, on the first start of a demo run. It is a lifecycle bean of an earlier phase
 * than the web server, so the login page answers only once the demo logins exist. An advisory lock keeps
 * two nodes starting together from loading it twice.
 */
@Component
@Profile("!cli")
class DemoCountyLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoCountyLoader.class);
    private static final long LOCK_KEY = 0x59_57_44_45_4d_4fL; // "YWDEMO"

    private final DemoMode demoMode;
    private final List<DemoDataContributor> contributors;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DemoLoginsPrinter printer;

    DemoCountyLoader(DemoMode demoMode, List<DemoDataContributor> contributors, JdbcClient jdbc,
            TransactionTemplate transactions, DemoLoginsPrinter printer) {
        this.demoMode = demoMode;
        this.contributors = contributors;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.printer = printer;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
        if (!demoMode.active()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query(Object.class).single();
            boolean loaded = jdbc.sql("select exists(select 1 from platform.demo_load)").query(Boolean.class).single();
            if (!loaded) {
                load();
            }
        });
        printer.print();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (whose phase is just below {@link SmartLifecycle#DEFAULT_PHASE}). */
    @Override
    public int getPhase() {
        return 0;
    }

    private void load() {
        long started = System.nanoTime();
        contributors.stream().sorted(Comparator.comparingInt(DemoDataContributor::order)).forEach(contributor -> {
            long partStarted = System.nanoTime();
            contributor.load();
            log.info("Demo county: {} loaded in {} ms", contributor.name(), (System.nanoTime() - partStarted) / 1_000_000);
        });
        BigDecimal seconds = BigDecimal.valueOf((System.nanoTime() - started) / 1e9).setScale(2, RoundingMode.HALF_UP);
        jdbc.sql("insert into platform.demo_load (id, loaded_at, seconds) values (1, now(), :seconds)")
                .param("seconds", seconds)
                .update();
        log.info("Demo county loaded in {} s", seconds);
    }
}
