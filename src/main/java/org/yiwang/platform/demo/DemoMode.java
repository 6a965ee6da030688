package org.yiwang.platform.demo;

import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.yiwang.platform.db.EmbeddedDatabaseCondition;

/**
 * Whether this run is a demo: {@code yiwang.demo.mode} = auto (demo on the embedded database only),
 * always, or never. Demo data never loads on an external database unless asked for with "always".
 */
@Component
public class DemoMode {

    /** Password of every demo login. Demo-only: these accounts exist only in demo runs. */
    public static final String DEMO_PASSWORD = "Demo@2026";

    private final boolean active;

    DemoMode(Environment environment) {
        String mode = environment.getProperty("yiwang.demo.mode", "auto").trim().toLowerCase(Locale.ROOT);
        this.active = switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> EmbeddedDatabaseCondition.isEmbedded(environment);
            default -> throw new IllegalStateException(
                    "yiwang.demo.mode must be auto, always or never, not '" + mode + "'");
        };
    }

    public boolean active() {
        return active;
    }

    public String demoPassword() {
        return DEMO_PASSWORD;
    }
}
