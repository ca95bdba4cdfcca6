package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One-click join from the confirmation email in a real browser: the client, never signed in on
 * this browser, opens the personal link read back over POP3, lands on the session's pre-call
 * check and meets the psychologist; the same link opened again (forwarded, say) is refused with
 * the reason and a way to sign in.
 */
@ExtendWith(StackExtension.class)
class JoinLinkIT {

    @Test
    void theMailedLinkSignsTheClientIntoTheirCallOnceOnly(StackExtension.Harness harness) {
        Api api = harness.api();
        Api.PaidSession session = api.paidSession(harness.stack().admin(), "Link");
        String link = api.inbox().linkIn(session.client().email(), "Your session is confirmed", Duration.ofSeconds(60));
        assertTrue(link.contains("/join#token="), link);

        try (Participant psychologist = Participant.open(harness.browser(), harness.stack().baseUrl(), session.psychologist());
                Participant client = Participant.open(harness.browser(), harness.stack().baseUrl(), session.client());
                Participant forwardedTo = Participant.open(harness.browser(), harness.stack().baseUrl(), session.client())) {
            client.page().navigate(link);
            client.page().waitForURL("**/video-call/" + session.id());
            client.screenshot(harness.screenshots(), "40-join-link-pre-call-check");
            CallRoom clientRoom = new CallRoom(client).join();

            psychologist.login();
            CallRoom psychologistRoom = psychologist.openCall(session.id(), false).join();
            TwoPartyCall.admitAndConnect(psychologistRoom, clientRoom);
            assertEquals("In Progress", api.session(session.psychologist(), session.id()).path("status").asText());

            forwardedTo.page().navigate(link);
            forwardedTo.waitFor("join-link-error");
            String refusal = forwardedTo.byTestId("join-link-error").first().innerText();
            assertTrue(refusal.toLowerCase(java.util.Locale.ROOT).contains("already been used"), refusal);
            assertEquals(1, forwardedTo.page().getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in")).count()
                    + forwardedTo.page().getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                            new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in")).count(),
                    "the refusal offers the normal sign-in");
            forwardedTo.screenshot(harness.screenshots(), "41-join-link-used-twice");
        }
    }
}
