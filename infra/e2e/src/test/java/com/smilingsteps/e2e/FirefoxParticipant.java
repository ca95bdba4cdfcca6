package com.smilingsteps.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One person at their own Firefox: a browser context of {@link FirefoxBrowser} with one tab on the
 * SPA's test build, served by the driver for every page path as {@link TestSpaBuild} does for
 * chromium ({@code /api}, {@code /ws}, {@code /q} still go to the gateway).
 */
final class FirefoxParticipant implements CallPage, AutoCloseable {

    private final FirefoxBrowser browser;
    private final String baseUrl;
    private final Api.Account account;
    private final long page;

    private FirefoxParticipant(FirefoxBrowser browser, String baseUrl, Api.Account account, long page) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.account = account;
        this.page = page;
    }

    static FirefoxParticipant open(FirefoxBrowser browser, String baseUrl, Path spaTestBuild, Api.Account account) {
        long page = browser.command("open", Map.of("baseUrl", baseUrl, "spaDir", spaTestBuild.toString())).asLong();
        return new FirefoxParticipant(browser, baseUrl, account, page);
    }

    private JsonNode command(String cmd, Map<String, Object> args) {
        Map<String, Object> withPage = new java.util.HashMap<>(args);
        withPage.put("page", page);
        return browser.command(cmd, withPage);
    }

    /** Logs in through the login page and waits for the dashboard. */
    FirefoxParticipant login() {
        command("navigate", Map.of("url", baseUrl + "/login"));
        command("fill", Map.of("testId", "login-email", "value", account.email()));
        command("fill", Map.of("testId", "login-password", "value", account.password()));
        click("login-submit");
        waitFor("current-user");
        return this;
    }

    /** Opens the call page directly, as the join link of the reminder email does. */
    CallRoom openCall(String sessionId, boolean forceRelay) {
        command("navigate", Map.of("url", baseUrl + "/video-call/" + sessionId + (forceRelay ? "?iceTransportPolicy=relay" : "")));
        return new CallRoom(this);
    }

    /** Reloads the tab, as a user pressing F5 mid-call; the pre-call check comes back. */
    CallRoom reload() {
        command("reload", Map.of());
        return new CallRoom(this);
    }

    @Override
    public Object evaluate(String function, Object arg) {
        Map<String, Object> args = new java.util.HashMap<>();
        args.put("fn", function);
        args.put("arg", arg);
        return FirefoxBrowser.plain(command("evaluate", args));
    }

    @Override
    public int count(String testId) {
        return command("count", Map.of("testId", testId)).asInt();
    }

    @Override
    public String attribute(String testId, String name) {
        JsonNode value = command("attribute", Map.of("testId", testId, "name", name));
        return value.isNull() ? null : value.asText();
    }

    @Override
    public boolean enabled(String testId) {
        return command("enabled", Map.of("testId", testId)).asBoolean();
    }

    @Override
    public void click(String testId) {
        command("click", Map.of("testId", testId));
    }

    @Override
    public void waitFor(String testId) {
        command("waitFor", Map.of("testId", testId));
    }

    void screenshot(Path dir, String name) {
        command("screenshot", Map.of("path", dir.resolve(name + ".png").toString()));
    }

    List<String> console() {
        List<String> lines = new ArrayList<>();
        command("console", Map.of()).forEach(line -> lines.add(line.asText()));
        return lines;
    }

    /** Closes the context; with {@code -De2e.dumpConsole=true} its last console lines go to the report first. */
    @Override
    public void close() {
        try {
            if (Boolean.getBoolean("e2e.dumpConsole")) {
                List<String> lines = console();
                System.out.println("--- firefox console of " + account.role() + " " + account.name() + " (" + lines.size() + " lines) ---");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
            }
        } finally {
            command("close", Map.of());
        }
    }
}
