package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

/**
 * The account pages a person relies on, in chromium: registering (after reading the privacy
 * notice and accepting it), the mailed verification link signing them in (once: opened again it is
 * refused), downloading their data, and deleting the account, after which signing in is refused.
 */
@ExtendWith(StackExtension.class)
class AccountPagesIT {

    @Test
    void registerWithConsentVerifyDownloadMyDataThenDeleteTheAccount(StackExtension.Harness harness) throws Exception {
        String base = harness.stack().baseUrl();
        Api api = harness.api();
        String email = "pages-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.smilingsteps.test";
        Api.Account account = new Api.Account(null, "Neema Achieng", email, "Neema-pass-" + UUID.randomUUID(), "client", null);
        try (Participant person = Participant.open(harness.browser(), base, account)) {
            Page page = person.page();
            page.navigate(base + "/privacy");
            person.byTestId("privacy-notice-version").waitFor();
            assertTrue(page.textContent("main").contains("30 days"), "the notice says how long emails are kept");

            page.navigate(base + "/register");
            person.byTestId("register-name").fill(account.name());
            person.byTestId("register-email").fill(email);
            person.byTestId("register-password").fill(account.password());
            assertTrue(!person.enabled("register-submit"), "no registration before the notice is accepted");
            person.byTestId("register-consent").check();
            person.byTestId("register-submit").click();
            person.byTestId("register-sent").waitFor();

            String link = api.inbox().linkIn(email, "Confirm your email address", Duration.ofSeconds(60));
            page.navigate(link);
            person.byTestId("current-user").waitFor();
            // the link works once: opened again from the mail, it is refused with the reason
            page.navigate(link);
            person.byTestId("verify-error").waitFor();
            assertTrue(person.byTestId("verify-error").innerText().contains("already been used"),
                    person.byTestId("verify-error").innerText());

            page.navigate(base + "/profile");
            Download download = page.waitForDownload(() -> person.byTestId("download-my-data").click());
            JsonNode data = new ObjectMapper().readTree(Files.readString(download.path()));
            assertEquals(email, data.path("profile").path("email").asText(), data.toString());
            assertEquals(Api.PRIVACY_NOTICE, data.path("profile").path("privacyConsent").path("notice").asText(),
                    "the export shows the consent given at registration");
            assertTrue(data.has("emails"), "with the emails notification-service sent");

            person.byTestId("delete-account").click();
            person.byTestId("delete-account-password").fill("not-the-password");
            person.byTestId("confirm-delete-account").click();
            person.byTestId("delete-account-error").waitFor();
            person.byTestId("delete-account-password").fill(account.password());
            person.byTestId("confirm-delete-account").click();
            person.byTestId("account-deleted").waitFor();
            person.screenshot(harness.screenshots(), "account-deleted");

            page.navigate(base + "/login");
            person.byTestId("login-email").fill(email);
            person.byTestId("login-password").fill(account.password());
            person.byTestId("login-submit").click();
            person.byTestId("login-error").waitFor();
            assertTrue(page.url().endsWith("/login"), "still on the login page: " + page.url());
        }
        Api.Answer login = api.tryPost("/api/auth/login", null, Map.of("email", email, "password", account.password()));
        assertEquals(401, login.status(), "the account is gone: " + login.body());
    }
}
