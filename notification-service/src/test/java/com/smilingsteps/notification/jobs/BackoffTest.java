package com.smilingsteps.notification.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(15), Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(15), backoff.after(1));
        assertEquals(Duration.ofSeconds(30), backoff.after(2));
        assertEquals(Duration.ofSeconds(60), backoff.after(3));
        assertEquals(Duration.ofSeconds(480), backoff.after(6));
        assertEquals(Duration.ofMinutes(10), backoff.after(7));
        assertEquals(Duration.ofMinutes(10), backoff.after(1000));
    }

    @Test
    void refusesAZeroWaitWhichWouldSpinOnADeadServer() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofMinutes(1)));
    }

    @Test
    void errorsReachTheAdminViewWithoutAddresses() {
        String described = Dispatcher.describe(new RuntimeException("wrapper",
                new IllegalStateException("550 5.1.1 <amina@example.test>: Recipient address rejected")));
        assertEquals("IllegalStateException: 550 5.1.1 <<address>>: Recipient address rejected", described);
        assertEquals("IllegalStateException: 553 <address> and <<address>> refused",
                Dispatcher.describe(new IllegalStateException("553 \"amina wanjiru\"@example.test and <b.c@example.test> refused")));
    }
}
