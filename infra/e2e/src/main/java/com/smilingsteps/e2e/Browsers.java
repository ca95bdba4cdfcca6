package com.smilingsteps.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's chromium driven by Playwright for Java (no browser download). The fake capture
 * devices stand in for a camera and a microphone; {@code fakeUi} also accepts every media and
 * screen-capture prompt, as a user clicking "Allow" would. Without it, headless chromium denies
 * the prompts, which is how the permission-denied path is reached.
 */
public final class Browsers implements AutoCloseable {

    /** Where chromium is; {@code -De2e.chromium=...} points elsewhere. */
    public static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    /**
     * {@code -De2e.smallCamera=true} (the test runs set it; the call-setup benchmark does not): the
     * fake camera shows {@link FakeCamera}'s small picture instead of 720p.
     */
    private static final boolean SMALL_CAMERA = Boolean.getBoolean("e2e.smallCamera");

    private static final List<String> BASE_ARGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--use-fake-device-for-media-stream",
            // Hidden or occluded pages must keep decoding: two "users" share one headless browser.
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            // The SPA's test build is fulfilled by Playwright (TestSpaBuild), which Local Network
            // Access treats as a public page: its loopback requests and WebSockets would be blocked.
            "--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets");

    private final Playwright playwright;

    private Browsers(Playwright playwright) {
        this.playwright = playwright;
    }

    /** Fails (never skips) when chromium is missing: CI installs it, so its absence is a broken build machine. */
    public static Browsers create() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("chromium not found at " + CHROMIUM
                    + ": install it (apt-get install -y chromium) or pass -De2e.chromium=<path>");
        }
        return new Browsers(Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))));
    }

    public Browser launch(boolean fakeUi) {
        List<String> args = new ArrayList<>(BASE_ARGS);
        if (fakeUi) {
            args.add("--use-fake-ui-for-media-stream");
        }
        if (SMALL_CAMERA) {
            args.add("--use-file-for-fake-video-capture=" + FakeCamera.file());
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(args));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
