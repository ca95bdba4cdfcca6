package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * What a practice does on a fresh system, all through the web app: the admin creates a
 * psychologist and sets their rates, the psychologist sets their working hours, and a client finds
 * them in the directory, sees free slots in the week view and books one at the admin's price.
 * Nothing is prepared through the API but the client's own registration.
 */
@ExtendWith(StackExtension.class)
class PracticeSetupIT {

    private static final long INDIVIDUAL = 3200;

    @Test
    void anAdminAndAPsychologistMakeANewPsychologistBookableThroughTheWebApp(StackExtension.Harness harness) {
        Api api = harness.api();
        String base = harness.stack().baseUrl();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Dr Setup " + tag;
        String email = "setup-" + tag + "@e2e.smilingsteps.test";
        String password = "Setup-pass-" + tag;

        try (Participant admin = Participant.open(harness.browser(), base, harness.stack().admin()).login()) {
            admin.byTestId("admin-tab-users").click();
            admin.byTestId("create-user-name").fill(name);
            admin.byTestId("create-user-email").fill(email);
            admin.byTestId("create-user-password").fill(password);
            admin.byTestId("create-user-specialties").fill("Anxiety, Grief");
            admin.byTestId("create-user-languages").fill("English, Swahili");
            admin.byTestId("create-user-submit").click();
            admin.byTestId("create-user-set-up").click();
            Locator dialog = admin.byTestId("psychologist-settings-dialog");
            dialog.waitFor();
            admin.byTestId("rates-individual").fill(String.valueOf(INDIVIDUAL));
            admin.byTestId("rates-group").fill("1800");
            admin.byTestId("rates-save").click();
            assertTrue(admin.byTestId("rates-saved").textContent().contains("KES " + INDIVIDUAL + " individual"));
            admin.screenshot(harness.screenshots(), "setup-01-admin-sets-rates");
            admin.byTestId("psychologist-settings-close").click();
            dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        }

        Api.Account psychologistAccount = api.login(email, password);
        try (Participant psychologist = Participant.open(harness.browser(), base, psychologistAccount).login()) {
            psychologist.byTestId("no-working-hours").waitFor();
            psychologist.byTestId("psychologist-tab-hours").click();
            psychologist.page().locator("[data-testid=hours-add][data-day=monday]").click();
            psychologist.page().locator("[data-testid=hours-start][data-day=monday]").fill("07:00");
            psychologist.page().locator("[data-testid=hours-end][data-day=monday]").fill("21:00");
            psychologist.byTestId("hours-copy-weekdays").click();
            psychologist.page().locator("[data-testid=hours-add][data-day=saturday]").click();
            psychologist.page().locator("[data-testid=hours-add][data-day=sunday]").click();
            psychologist.byTestId("hours-save").click();
            psychologist.byTestId("hours-saved").waitFor();
            psychologist.screenshot(harness.screenshots(), "setup-02-psychologist-sets-hours");
            JsonNode hours = api.get("/api/psychologists/" + psychologistAccount.id() + "/working-hours", psychologistAccount.token());
            assertEquals("07:00", hours.path("hours").path("weekly").path("friday").path(0).path("start").asText(), hours.toString());
            assertEquals("Africa/Nairobi", hours.path("timeZone").asText());
            psychologist.byTestId("psychologist-tab-schedule").click();
            psychologist.byTestId("no-sessions").waitFor();
            assertEquals(0, psychologist.byTestId("no-working-hours").count(), "the warning goes once hours are saved");
        }

        Api.Account clientAccount = api.newClient("Setup Client " + tag);
        try (Participant client = Participant.open(harness.browser(), base, clientAccount).login()) {
            Locator card = client.findPsychologist(psychologistAccount);
            assertTrue(card.getByTestId("psychologist-rates").textContent().contains("Individual KES 3,200"),
                    card.textContent());
            assertTrue(card.getByTestId("psychologist-next-slot").textContent().startsWith("Next free:"), card.textContent());
            client.openBooking(psychologistAccount);
            assertTrue(client.byTestId("book-price").textContent().contains("KES " + INDIVIDUAL));
            Participant.Booked booked = client.bookFirstFreeSlot();
            client.screenshot(harness.screenshots(), "setup-03-client-booked");
            JsonNode session = api.session(clientAccount, booked.sessionId());
            assertEquals(booked.start(), session.path("sessionDate").asText().replace(".000Z", "Z"));
            assertEquals(INDIVIDUAL, session.path("price").asLong(), session.toString());
            assertEquals("Pending", session.path("status").asText());
        }
    }
}
