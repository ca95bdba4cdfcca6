package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * Every screen of the SPA, as its users reach it on the running system, audited with axe-core:
 * no serious or critical violation (WCAG 2.x A/AA rules and axe's best practices).
 */
@ExtendWith(StackExtension.class)
class AccessibilityIT {

    private static final Duration SHORT = Duration.ofSeconds(15);

    @Test
    void everyScreenHasNoSeriousOrCriticalViolation(StackExtension.Harness harness) {
        Api api = harness.api();
        AxeAudit axe = harness.axe();
        String base = harness.stack().baseUrl();
        Api.Account admin = harness.stack().admin();
        Api.Account psychologistAccount = api.newPsychologist(admin, "Dr Achieng Odhiambo");
        Api.Account clientAccount = api.newClient("Baraka Mwangi");
        // One unpaid session (the dashboard's pay button and dialog); a second one, paid, is joined.
        String unpaid = api.book(admin, clientAccount, psychologistAccount, Duration.ofDays(2)).path("id").asText();
        String paid = api.book(admin, clientAccount, psychologistAccount, Duration.ofMinutes(3)).path("id").asText();
        api.payAndAwaitConfirmed(clientAccount, paid);

        try (Participant client = Participant.open(harness.browser(), base, clientAccount);
                Participant psychologist = Participant.open(harness.browser(), base, psychologistAccount)) {
            Page page = client.page();
            page.navigate(base + "/login");
            client.byTestId("login-submit").waitFor();
            axe.assertNoSeriousViolations(page, "login page");
            page.navigate(base + "/register");
            client.byTestId("register-submit").waitFor();
            axe.assertNoSeriousViolations(page, "register page");
            page.navigate(base + "/no-such-page");
            page.getByRole(AriaRole.HEADING).first().waitFor();
            axe.assertNoSeriousViolations(page, "not-found page");

            client.login();
            page.locator("[data-testid=pay-button][data-session-id='" + unpaid + "']").waitFor();
            client.byTestId("book-button").first().waitFor();
            axe.assertNoSeriousViolations(page, "client dashboard");

            client.byTestId("book-button").first().click();
            awaitDialog(client, "book-dialog");
            axe.assertNoSeriousViolations(page, "book dialog");
            page.keyboard().press("Escape");
            awaitGone(client, "book-dialog");

            page.locator("[data-testid=pay-button][data-session-id='" + unpaid + "']").click();
            awaitDialog(client, "pay-dialog");
            axe.assertNoSeriousViolations(page, "pay dialog");
            page.keyboard().press("Escape");
            awaitGone(client, "pay-dialog");

            psychologist.login();
            psychologist.page().locator("[data-testid=join-video-call-button][data-session-id='" + paid + "']").waitFor();
            axe.assertNoSeriousViolations(psychologist.page(), "psychologist dashboard");
            psychologist.byTestId("psychologist-tab-hours").click();
            psychologist.byTestId("hours-save").waitFor();
            axe.assertNoSeriousViolations(psychologist.page(), "psychologist working hours");

            CallRoom psychologistRoom = psychologist.openCall(paid, false);
            Locator joinButton = psychologist.byTestId("precall-join-button");
            joinButton.waitFor();
            CallRoom.waitUntil("the pre-call check is done", SHORT, () -> joinButton.isEnabled()
                    && !"checking".equals(psychologist.byTestId("turn-check-status").getAttribute("data-status")));
            axe.assertNoSeriousViolations(psychologist.page(), "pre-call check");
            psychologistRoom.join().awaitStatus("waiting-participant", SHORT);
            axe.assertNoSeriousViolations(psychologist.page(), "call room (alone)");

            CallRoom clientRoom = client.openCall(paid, false).join();
            clientRoom.awaitStatus("waiting-room", SHORT);
            axe.assertNoSeriousViolations(page, "call room (waiting room)");
            psychologist.byTestId("waiting-entry").first().waitFor();
            axe.assertNoSeriousViolations(psychologist.page(), "call room with a waiting client");
            psychologistRoom.admitWaiting();
            clientRoom.awaitStatus("connected", TwoPartyCall.CONNECT_TIMEOUT);
            client.byTestId("toggle-chat-button").click();
            client.byTestId("chat-panel").waitFor();
            axe.assertNoSeriousViolations(page, "call room (connected, chat open)");
            client.byTestId("toggle-settings-button").click();
            awaitDialog(client, "settings-dialog");
            axe.assertNoSeriousViolations(page, "device settings dialog");
        }

        try (Participant adminPage = Participant.open(harness.browser(), base, admin)) {
            adminPage.login();
            adminPage.byTestId("admin-session-row").first().waitFor();
            axe.assertNoSeriousViolations(adminPage.page(), "admin dashboard (sessions)");
            adminPage.byTestId("admin-tab-audit").click();
            adminPage.byTestId("audit-row").first().waitFor();
            axe.assertNoSeriousViolations(adminPage.page(), "admin dashboard (audit log)");
            adminPage.byTestId("admin-tab-users").click();
            adminPage.byTestId("create-user-submit").waitFor();
            axe.assertNoSeriousViolations(adminPage.page(), "admin dashboard (users, create user)");
            adminPage.byTestId("users-search").fill(psychologistAccount.name());
            adminPage.page().locator("[data-testid=user-rates-hours][data-user-id='" + psychologistAccount.id() + "']").click();
            awaitDialog(adminPage, "psychologist-settings-dialog");
            adminPage.byTestId("rates-save").waitFor();
            adminPage.byTestId("hours-save").waitFor();
            axe.assertNoSeriousViolations(adminPage.page(), "admin: a psychologist's rates and hours");
        }
    }

    /** The audit fails a page with a serious violation: here a button without an accessible name. */
    @Test
    void theAuditFailsOnASeriousViolation(StackExtension.Harness harness) {
        Api.Account nobody = new Api.Account(null, "Nobody", "nobody@e2e.smilingsteps.test", "x", "client", null);
        try (Participant visitor = Participant.open(harness.browser(), harness.stack().baseUrl(), nobody)) {
            Page page = visitor.page();
            page.navigate(harness.stack().baseUrl() + "/login");
            visitor.byTestId("login-submit").waitFor();
            harness.axe().assertNoSeriousViolations(page, "login page");
            page.evaluate("() => document.querySelector('main, #root').insertAdjacentHTML('beforeend', '<button type=\"button\"></button>')");
            AssertionError failure = assertThrows(AssertionError.class, () -> harness.axe().assertNoSeriousViolations(page, "login page"));
            assertTrue(failure.getMessage().contains("button-name"), failure.getMessage());
        }
    }

    /** A dialog is audited once it has faded in (a half-transparent dialog has lower contrast). */
    private static void awaitDialog(Participant who, String testId) {
        who.byTestId(testId).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        CallRoom.waitUntil(testId + " fully shown", SHORT, () -> "1".equals(String.valueOf(who.page().evaluate(
                "id => { const d = document.querySelector(`[data-testid=${id}]`); const p = d && (d.querySelector('.MuiDialog-container') || d.closest('.MuiDialog-container')); "
                        + "return p ? getComputedStyle(p).opacity : '1'; }", testId))));
    }

    private static void awaitGone(Participant who, String testId) {
        who.byTestId(testId).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }
}
