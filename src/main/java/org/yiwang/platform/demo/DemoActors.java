package org.yiwang.platform.demo;

/**
 * Lets a demo loader act as one of the demo logins, so that what it creates carries that person's name, organisation
 * and audit trail exactly as the real workflow would (a signed ECG report needs a reader's signature key, an
 * acknowledgement needs a clinician of the clinic). Refuses outside demo runs.
 */
public interface DemoActors {

    /**
     * Acts as the demo login {@code username} for {@code organisationId}, one of its organisations, on this thread
     * until the scope is closed; then the previous identity is back.
     *
     * @throws IllegalStateException when this is not a demo run
     */
    Scope actAs(String username, long organisationId);

    /** The time a loader acts as someone; closing it restores the previous identity. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
