package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client who lost the verification email, in chromium: they sign in unverified, the dashboard
 * asks them to confirm their address and offers "Resend email"; a second, new link arrives (read
 * over POP3), opening it confirms the address and signs them in, and the request to confirm is gone.
 */
@ExtendWith(StackExtension.class)
class VerificationResendIT {

    private static final String SUBJECT = "Confirm your email address";

    @Test
    void anUnverifiedClientAsksForANewLinkAndConfirmsWithIt(StackExtension.Harness harness) {
        String base = harness.stack().baseUrl();
        Api api = harness.api();
        Inbox inbox = new Inbox(harness.stack().devStack().ports().pop3());
        String email = "resend-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.smilingsteps.test";
        Api.Account account = new Api.Account(null, "Wanjiru Resend", email, "Resend-pass-" + UUID.randomUUID(), "client", null);
        api.post("/api/auth/register", null, Map.of("name", account.name(), "email", email,
                "password", account.password(), "privacyNotice", Api.PRIVACY_NOTICE));
        String first = api.inbox().linkIn(email, SUBJECT, Duration.ofSeconds(60));

        try (Participant person = Participant.open(harness.browser(), base, account)) {
            person.login();
            person.waitFor("verify-notice");
            person.click("resend-verification");
            person.waitFor("resend-result");
            assertTrue(person.byTestId("resend-result").innerText().contains("new link"), person.byTestId("resend-result").innerText());

            AtomicReference<List<String>> links = new AtomicReference<>(List.of());
            CallRoom.waitUntil("a second verification email", Duration.ofSeconds(60), () -> {
                links.set(inbox.linksIn(email, SUBJECT));
                return links.get().size() >= 2;
            });
            String second = links.get().get(links.get().size() - 1);
            assertNotEquals(first, second, "the resent email carries a new link");

            person.page().navigate(second);
            person.waitFor("current-user");
            person.dashboard();
            assertEquals(0, person.count("verify-notice"), "the address is confirmed");
            person.screenshot(harness.screenshots(), "verification-resent-and-confirmed");
        }
    }
}
