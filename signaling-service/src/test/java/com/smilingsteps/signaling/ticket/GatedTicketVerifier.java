package com.smilingsteps.signaling.ticket;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.smilingsteps.signaling.sessions.CallWindows;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** The real verifier, held until the test opens the gate: a verification that is still running. */
public final class GatedTicketVerifier extends JoinTicketVerifier {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    public GatedTicketVerifier(JWTAuthContextInfo accessTokenContext, CallWindows windows) {
        super(accessTokenContext, windows);
    }

    @Override
    public JoinTicket verify(String ticket, String userId) throws InvalidTicketException {
        started.countDown();
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.verify(ticket, userId);
    }

    public boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS);
    }

    public void open() {
        gate.countDown();
    }
}
