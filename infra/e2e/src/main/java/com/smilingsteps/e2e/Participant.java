package com.smilingsteps.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * One person at their own browser: a separate context (own storage, own media devices) with one
 * tab on the SPA. Console output is kept so a failing test can show what the page said.
 */
public final class Participant implements CallPage, AutoCloseable {

    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;
    private final Api.Account account;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private Participant(BrowserContext context, String baseUrl, Api.Account account) {
        this.context = context;
        this.baseUrl = baseUrl;
        this.account = account;
        this.page = context.newPage();
        page.setDefaultTimeout(20_000);
        // wall-clock time first: a fault scenario lines the page's recovery up with the moment of the fault
        page.onConsoleMessage(m -> console.add(String.format("%tT.%<tL %s: %s", System.currentTimeMillis(), m.type(), m.text())));
        page.onPageError(e -> console.add(String.format("%tT.%<tL pageerror: %s", System.currentTimeMillis(), e)));
    }

    /** Opens a context on the stack at {@code baseUrl}, with the SPA's test build (the {@code window.__ssv} hook). */
    public static Participant open(Browser browser, String baseUrl, Api.Account account) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        TestSpaBuild.install(context, baseUrl);
        return new Participant(context, baseUrl, account);
    }

    public Page page() {
        return page;
    }

    public Api.Account account() {
        return account;
    }

    public Locator byTestId(String id) {
        return page.getByTestId(id);
    }

    @Override
    public Object evaluate(String function, Object arg) {
        return page.evaluate(function, arg);
    }

    @Override
    public int count(String testId) {
        return byTestId(testId).count();
    }

    @Override
    public String attribute(String testId, String name) {
        Locator first = byTestId(testId).first();
        return first.count() == 0 ? null : first.getAttribute(name);
    }

    @Override
    public boolean enabled(String testId) {
        return byTestId(testId).first().isEnabled();
    }

    @Override
    public void click(String testId) {
        byTestId(testId).first().click();
    }

    @Override
    public void waitFor(String testId) {
        byTestId(testId).first().waitFor();
    }

    /** Logs in through the login page and waits for the dashboard. */
    public Participant login() {
        page.navigate(baseUrl + "/login");
        byTestId("login-email").fill(account.email());
        byTestId("login-password").fill(account.password());
        byTestId("login-submit").click();
        byTestId("current-user").waitFor();
        return this;
    }

    public void dashboard() {
        page.navigate(baseUrl + "/dashboard");
        byTestId("current-user").waitFor();
    }

    /** Opens the call page directly, as the join link of the reminder email does. */
    public CallRoom openCall(String sessionId, boolean forceRelay) {
        page.navigate(baseUrl + "/video-call/" + sessionId + (forceRelay ? "?iceTransportPolicy=relay" : ""));
        return new CallRoom(this);
    }

    /** Clicks "Join Video Call" on the dashboard card of this session. */
    public CallRoom joinFromDashboard(String sessionId) {
        dashboard();
        Locator join = page.locator("[data-testid=join-video-call-button][data-session-id='" + sessionId + "']");
        join.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        join.click();
        return new CallRoom(this);
    }

    /**
     * Finds a psychologist in the client's directory by name (it pages, and a shared stack lists
     * many) and returns their card once shown.
     */
    public Locator findPsychologist(Api.Account psychologist) {
        byTestId("directory-q").fill(psychologist.name());
        Locator card = page.locator("[data-testid=psychologist-card][data-psychologist-id='" + psychologist.id() + "']");
        card.waitFor();
        return card;
    }

    /** Opens the booking dialog of a psychologist found in the directory. */
    public void openBooking(Api.Account psychologist) {
        findPsychologist(psychologist).getByTestId("book-button").click();
        byTestId("book-dialog").waitFor();
    }

    /** A booking made in the browser: the new session's id and the slot start it was booked for. */
    public record Booked(String sessionId, String start) {
    }

    /**
     * In the open booking dialog, books the first free slot of the week view and waits for the
     * new session on the dashboard (the client's only one: tests give each client one booking).
     */
    public Booked bookFirstFreeSlot() {
        Locator slot = byTestId("book-slot").first();
        slot.waitFor();
        String start = slot.getAttribute("data-start");
        slot.click();
        byTestId("book-submit").click();
        Locator card = byTestId("session-card").first();
        card.waitFor();
        return new Booked(card.getAttribute("data-session-id"), start);
    }

    /**
     * Pays a session with the dev stack's clearly labelled simulated M-Pesa, which confirms itself,
     * and waits for the confirmation. The SPA may open the pay dialog right after booking;
     * otherwise the session card's button opens it.
     */
    public void payWithSimulatedMpesa(String sessionId) {
        Locator payDialog = byTestId("pay-dialog");
        try {
            payDialog.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        } catch (com.microsoft.playwright.TimeoutError notOpenedByItself) {
            page.locator("[data-testid=pay-button][data-session-id='" + sessionId + "']").click();
            payDialog.waitFor();
        }
        byTestId("pay-phone").fill("254712345678");
        byTestId("pay-submit").click();
        byTestId("payment-simulated").waitFor();
        byTestId("payment-confirmed").waitFor(new Locator.WaitForOptions().setTimeout(45_000));
    }

    /** A picture for people reading a run; it asserts nothing, so a slow capture does not fail the test. */
    public void screenshot(Path dir, String name) {
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
        } catch (com.microsoft.playwright.TimeoutError slow) {
            System.out.println("screenshot " + name + " not taken: " + slow.getMessage().lines().findFirst().orElse(""));
        }
    }

    public List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /**
     * Closes the context. With {@code -De2e.dumpConsole=true} (the e2e tests set it) the page's
     * last console lines go to standard output, i.e. the failsafe report, for diagnosis.
     */
    @Override
    public void close() {
        if (Boolean.getBoolean("e2e.dumpConsole")) {
            List<String> lines = console();
            System.out.println("--- console of " + account.role() + " " + account.name() + " (" + lines.size() + " lines) ---");
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
        }
        context.close();
    }
}
