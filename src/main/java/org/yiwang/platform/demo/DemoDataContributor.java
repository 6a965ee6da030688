package org.yiwang.platform.demo;

/**
 * A module's part of the demo county. Contributors run once, on the first start of a demo run, in
 * ascending {@link #order()}, all in one transaction (a failed load leaves nothing behind). They must be deterministic: the same county
 * every time.
 */
public interface DemoDataContributor {

    /** Lower runs first: registry (100) before the master index (200) before clinical modules (300+). */
    int order();

    /** Short name for logs, e.g. {@code "registry"}. */
    String name();

    void load();
}
