package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

/**
 * The operator guide's first instruction, in chromium: the bootstrap admin signs in with the
 * deployment's password and is reminded to change it; the reminder's "Change password" leads to
 * the form (which also asks them to accept the privacy notice, as every account the practice
 * creates must), and once changed the reminder is gone. The stack's bootstrap password is put back
 * afterwards through the API: the other tests sign the admin in with it.
 */
@ExtendWith(StackExtension.class)
class BootstrapPasswordIT {

    @Test
    void theBootstrapAdminIsRemindedUntilThePasswordIsChanged(StackExtension.Harness harness) {
        String base = harness.stack().baseUrl();
        Api api = harness.api();
        Api.Account admin = harness.stack().admin();
        String changed = "Practice-admin-" + UUID.randomUUID();
        try {
            try (Participant adminPage = Participant.open(harness.browser(), base, admin).login()) {
                adminPage.waitFor("bootstrap-password-notice");
                adminPage.byTestId("bootstrap-password-notice")
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Change password"))
                        .click();
                adminPage.byTestId("current-password").fill(admin.password());
                adminPage.byTestId("new-password").fill(changed);
                adminPage.byTestId("new-password-repeat").fill(changed);
                // the bootstrap admin accepts the notice with their first own password
                assertFalse(adminPage.enabled("change-password-submit"), "not before the privacy notice is accepted");
                adminPage.byTestId("change-password-consent").check();
                adminPage.click("change-password-submit");
                adminPage.waitFor("password-changed");
            }
            try (Participant again = Participant.open(harness.browser(), base, withPassword(admin, changed)).login()) {
                assertEquals(0, again.count("bootstrap-password-notice"), "no reminder once the password is changed");
                again.screenshot(harness.screenshots(), "bootstrap-password-changed");
            }
        } finally {
            putBack(api, admin, changed);
        }
        assertEquals(200, api.tryPost("/api/auth/login", null,
                Map.of("email", admin.email(), "password", admin.password())).status(), "the stack's password is back");
    }

    private static Api.Account withPassword(Api.Account account, String password) {
        return new Api.Account(account.id(), account.name(), account.email(), password, account.role(), null);
    }

    /** The other tests sign the admin in with the stack's password: set it again (if it was changed). */
    private static void putBack(Api api, Api.Account admin, String changed) {
        Api.Answer signIn = api.tryPost("/api/auth/login", null, Map.of("email", admin.email(), "password", changed));
        if (signIn.status() != 200) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currentPassword", changed);
        body.put("newPassword", admin.password());
        body.put("privacyNotice", Api.PRIVACY_NOTICE);
        api.post("/api/auth/password", signIn.body().path("token").asText(), body);
    }
}
