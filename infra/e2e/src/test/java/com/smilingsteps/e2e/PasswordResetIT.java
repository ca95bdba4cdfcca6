package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * "Forgot password" in chromium: a client asks for a link on the login page's way in, opens the
 * link mailed to them (read back from GreenMail over POP3), sets a new password and signs in with
 * it; the same link opened again is refused with the reason and a way to get a new one.
 */
@ExtendWith(StackExtension.class)
class PasswordResetIT {

    @Test
    void theMailedLinkSetsANewPasswordOnceOnly(StackExtension.Harness harness) {
        String base = harness.stack().baseUrl();
        Api api = harness.api();
        Api.Account client = api.newClient("Reset Client");
        String newPassword = "Reset-pass-" + UUID.randomUUID();
        try (Participant person = Participant.open(harness.browser(), base, client)) {
            person.page().navigate(base + "/forgot-password");
            person.byTestId("reset-email").fill(client.email());
            person.click("reset-submit");
            person.waitFor("reset-requested");

            String link = api.inbox().linkIn(client.email(), "Set a new password", Duration.ofSeconds(60));
            assertTrue(link.contains("/reset-password#token="), link);
            person.page().navigate(link);
            person.byTestId("new-password").fill(newPassword);
            person.byTestId("new-password-repeat").fill(newPassword);
            person.click("set-password-submit");
            person.waitFor("password-set");
            person.click("login-link");
            person.byTestId("login-email").fill(client.email());
            person.byTestId("login-password").fill(newPassword);
            person.click("login-submit");
            person.waitFor("current-user");

            person.page().navigate(link);
            person.byTestId("new-password").fill("Another-pass-" + UUID.randomUUID());
            person.byTestId("new-password-repeat").fill(person.byTestId("new-password").inputValue());
            person.click("set-password-submit");
            person.waitFor("set-password-error");
            String refusal = person.byTestId("set-password-error").innerText();
            assertTrue(refusal.toLowerCase(Locale.ROOT).contains("already been used"), refusal);
            assertTrue(person.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ask for a new one"))
                    .isVisible(), "the way to a new link");
            person.screenshot(harness.screenshots(), "reset-link-used-twice");
        }
        api.login(client.email(), newPassword); // still the password the link set
    }
}
