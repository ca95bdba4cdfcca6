package com.smilingsteps.notification.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** Which failed sends wait for the mail server (released when it is back) and which keep their backoff. */
class ServerUnreachableTest {

    @Test
    void connectionFailuresAndTimeoutsWaitForTheServer() {
        assertTrue(Dispatcher.serverUnreachable(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(Dispatcher.serverUnreachable(new io.smallrye.mutiny.TimeoutException()), "a send that timed out");
        assertTrue(Dispatcher.serverUnreachable(new java.util.concurrent.TimeoutException()));
    }

    @Test
    void aRejectionOfTheEmailIsNotTheServerBeingAway() {
        assertFalse(Dispatcher.serverUnreachable(new IllegalStateException("550 mailbox unavailable")));
        assertFalse(Dispatcher.serverUnreachable(new RuntimeException(new IllegalArgumentException("bad address"))));
    }
}
