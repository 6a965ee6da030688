package org.yiwang.platform.security.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.platform.demo.DemoMode;

/** Prints the demo logins at startup of a demo run, marked as demo-only. */
@Component
public class DemoLoginsPrinter {

    private static final Logger log = LoggerFactory.getLogger(DemoLoginsPrinter.class);

    private final AccountService accounts;

    DemoLoginsPrinter(AccountService accounts) {
        this.accounts = accounts;
    }

    public void print() {
        StringBuilder text = new StringBuilder("\n==== DEMO ONLY (演示账户，仅供演示) — password for all: ")
                .append(DemoMode.DEMO_PASSWORD).append(" ====\n");
        accounts.demoAccounts().forEach(a -> text.append(String.format("  %-14s %-8s %s%n", a.username(), a.displayName(),
                a.kind().equals("RESIDENT") ? "RESIDENT"
                        : a.memberships().stream().map(m -> m.role().name()).distinct().toList())));
        log.info(text.toString());
    }
}
