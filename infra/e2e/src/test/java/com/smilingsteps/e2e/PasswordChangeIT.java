package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changing a password from the account page in chromium: a psychologist the practice created (with
 * a password from the admin) changes it, accepting the privacy notice the page asks for with that
 * first own password; afterwards the new password signs in on the login page and the old one is
 * refused, and the consent is in their export.
 */
@ExtendWith(StackExtension.class)
class PasswordChangeIT {

    @Test
    void theNewPasswordSignsInAndTheOldOneIsRefused(StackExtension.Harness harness) {
        String base = harness.stack().baseUrl();
        Api api = harness.api();
        Api.Account psychologist = api.newPsychologist(harness.stack().admin(), "Dr Password Change");
        String newPassword = "Changed-pass-" + java.util.UUID.randomUUID();
        try (Participant person = Participant.open(harness.browser(), base, psychologist)) {
            person.login();
            person.page().navigate(base + "/account/password");
            person.byTestId("current-password").fill(psychologist.password());
            person.byTestId("new-password").fill(newPassword);
            person.byTestId("new-password-repeat").fill(newPassword);
            assertFalse(person.enabled("change-password-submit"), "not before the privacy notice is accepted");
            person.byTestId("change-password-consent").check();
            person.click("change-password-submit");
            person.waitFor("password-changed");
            person.screenshot(harness.screenshots(), "password-changed");
        }
        try (Participant again = Participant.open(harness.browser(), base, psychologist)) {
            again.page().navigate(base + "/login");
            again.byTestId("login-email").fill(psychologist.email());
            again.byTestId("login-password").fill(psychologist.password());
            again.click("login-submit");
            again.waitFor("login-error");
            assertTrue(again.page().url().endsWith("/login"), "the old password is refused: " + again.page().url());
            again.byTestId("login-password").fill(newPassword);
            again.click("login-submit");
            again.waitFor("current-user");
        }
        assertEquals(401, api.tryPost("/api/auth/login", null,
                Map.of("email", psychologist.email(), "password", psychologist.password())).status());
        Api.Account signedIn = api.login(psychologist.email(), newPassword);
        assertEquals(Api.PRIVACY_NOTICE, api.get("/api/users/me/export", signedIn.token())
                .path("profile").path("privacyConsent").path("notice").asText(), "consent given with the first own password");
    }
}
