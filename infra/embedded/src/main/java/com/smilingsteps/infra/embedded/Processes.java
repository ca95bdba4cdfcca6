package com.smilingsteps.infra.embedded;

import java.util.concurrent.TimeUnit;

/** Stopping child processes the way the dev stack and tests need it: politely first, then for sure. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if the process has not exited within {@code graceSeconds}. */
    public static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps, turning an interrupt into an unchecked failure with the interrupt flag kept. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
