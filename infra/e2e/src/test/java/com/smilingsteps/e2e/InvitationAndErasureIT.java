package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * An account the practice creates, from invitation to erasure, through the web app: the admin
 * invites a psychologist (no password), the psychologist opens the mailed link, accepts the
 * privacy notice and chooses a password, and signs in with it; later the admin erases that account
 * on request from the users list (a reason naming nobody) and the password signs in no more. A
 * psychologist with an upcoming session is refused, and the dialog says what to do.
 */
@ExtendWith(StackExtension.class)
class InvitationAndErasureIT {

    @Test
    void anInvitedPsychologistSetsAPasswordWithConsentAndTheAdminErasesTheAccountOnRequest(StackExtension.Harness harness) {
        Api api = harness.api();
        String base = harness.stack().baseUrl();
        Api.Account admin = harness.stack().admin();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Dr Invited " + tag;
        String email = "invited-" + tag + "@e2e.smilingsteps.test";
        String password = "Invited-pass-" + tag;
        Api.Account busy = api.newPsychologist(admin, "Dr Busy " + tag);
        api.book(admin, api.newClient("Client Busy " + tag), busy, Duration.ofHours(3));

        try (Participant adminPage = Participant.open(harness.browser(), base, admin).login()) {
            adminPage.click("admin-tab-users");
            adminPage.byTestId("create-user-name").fill(name);
            adminPage.byTestId("create-user-email").fill(email);
            adminPage.click("create-user-submit");
            adminPage.waitFor("create-user-result");
        }

        String link = api.inbox().linkIn(email, "You have been invited: set your password", Duration.ofSeconds(60));
        assertTrue(link.contains("/set-password#token="), link);
        Api.Account invited = new Api.Account(null, name, email, password, "psychologist", null);
        try (Participant psychologist = Participant.open(harness.browser(), base, invited)) {
            psychologist.page().navigate(link);
            psychologist.byTestId("new-password").fill(password);
            psychologist.byTestId("new-password-repeat").fill(password);
            assertFalse(psychologist.enabled("set-password-submit"), "the notice must be accepted first");
            psychologist.byTestId("set-password-consent").check();
            psychologist.click("set-password-submit");
            psychologist.waitFor("password-set");
            psychologist.login();
            psychologist.screenshot(harness.screenshots(), "invitation-accepted");
        }
        Api.Account signedIn = api.login(email, password);
        assertEquals(Api.PRIVACY_NOTICE, api.get("/api/users/me/export", signedIn.token())
                .path("profile").path("privacyConsent").path("notice").asText(), "consent recorded with the password");

        try (Participant adminPage = Participant.open(harness.browser(), base, admin).login()) {
            adminPage.click("admin-tab-users");
            eraseFromList(adminPage, busy, "Asked by phone on the day");
            Locator refusal = adminPage.byTestId("erase-user-refused");
            refusal.waitFor();
            assertTrue(refusal.innerText().toLowerCase(Locale.ROOT).contains("upcoming sessions"), refusal.innerText());
            adminPage.page().keyboard().press("Escape");
            adminPage.byTestId("erase-user-dialog").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

            eraseFromList(adminPage, signedIn, "Asked by email on the day");
            adminPage.byTestId("erase-user-dialog").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            adminPage.screenshot(harness.screenshots(), "admin-erased-account");
        }
        Api.Answer login = api.tryPost("/api/auth/login", null, Map.of("email", email, "password", password));
        assertEquals(401, login.status(), "the erased account's password: " + login.body());
    }

    private static void eraseFromList(Participant adminPage, Api.Account who, String reason) {
        adminPage.byTestId("users-search").fill(who.email());
        Locator erase = adminPage.page().locator("[data-testid=user-erase][data-user-id='" + who.id() + "']");
        erase.click();
        adminPage.byTestId("erase-user-reason").fill(reason);
        adminPage.click("erase-user-confirm");
    }
}
