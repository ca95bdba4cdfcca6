package com.smilingsteps.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's firefox-esr, driven by the node script {@code src/test/firefox/driver.js}
 * (puppeteer-core over WebDriver BiDi; Playwright for Java cannot drive a stock Firefox) through
 * JSON lines on its standard input and output. One browser per test class; each
 * {@link FirefoxParticipant} is a browser context of it.
 */
final class FirefoxBrowser implements AutoCloseable {

    /** Where firefox-esr is; {@code -De2e.firefox=...} points elsewhere. */
    static final Path FIREFOX = Path.of(System.getProperty("e2e.firefox", "/usr/bin/firefox-esr"));
    /** The driver script; its node_modules come from {@code npm ci} in this module's build. */
    static final Path DRIVER = Path.of(System.getProperty("e2e.firefoxDriver", "src/test/firefox/driver.js")).toAbsolutePath();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer stdin;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    final String version;
    final long launchMillis;

    private FirefoxBrowser(Process process, JsonNode ready) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.version = ready.path("version").asText();
        this.launchMillis = ready.path("launchMs").asLong();
    }

    /**
     * Starts firefox through the driver. Fails (never skips) when firefox, the driver's
     * dependencies or a network Firefox can gather ICE candidates on is missing.
     */
    static FirefoxBrowser launch() {
        if (!Files.isExecutable(FIREFOX)) {
            throw new IllegalStateException("firefox-esr not found at " + FIREFOX
                    + ": install it (apt-get install -y firefox-esr) or pass -De2e.firefox=<path>");
        }
        if (!Files.isDirectory(DRIVER.resolveSibling("node_modules/puppeteer-core"))) {
            throw new IllegalStateException(DRIVER.getParent() + "/node_modules is missing: the module's build runs "
                    + "`npm ci` there (./mvnw -pl infra/e2e verify), or run it by hand");
        }
        requireCandidateNetwork();
        try {
            Process process = new ProcessBuilder("node", DRIVER.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .directory(DRIVER.getParent().toFile())
                    .start();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<JsonNode> ready = CompletableFuture.supplyAsync(() -> readLine(stdout));
            JsonNode first;
            try {
                first = ready.get(150, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException("firefox did not start through " + DRIVER, e);
            }
            if (first == null || !first.path("ready").asBoolean()) {
                process.destroyForcibly();
                throw new IllegalStateException("firefox did not start: " + first);
            }
            FirefoxBrowser browser = new FirefoxBrowser(process, first);
            Thread reader = new Thread(() -> browser.readAnswers(stdout), "firefox-driver-answers");
            reader.setDaemon(true);
            reader.start();
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + DRIVER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Firefox gathers no loopback ICE candidates, and none at all without a non-loopback address
     * and a default route: without them no call can connect, so say so instead of timing out.
     */
    private static void requireCandidateNetwork() {
        boolean address;
        try {
            address = NetworkInterface.networkInterfaces().anyMatch(nif -> {
                try {
                    return nif.isUp() && !nif.isLoopback()
                            && nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address && !a.isLinkLocalAddress());
                } catch (SocketException e) {
                    return false;
                }
            });
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        boolean defaultRoute;
        try {
            defaultRoute = Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+")).anyMatch(f -> f.length > 1 && "00000000".equals(f[1]));
        } catch (IOException e) {
            defaultRoute = false;
        }
        if (!address || !defaultRoute) {
            throw new IllegalStateException("Firefox gathers ICE candidates only on a non-loopback IPv4 address with a "
                    + "default route, and this machine has " + (address ? "no default route" : "no such address")
                    + " (see infra/e2e/README.md, \"FirefoxCallIT\")");
        }
    }

    private static JsonNode readLine(BufferedReader stdout) {
        try {
            String line = stdout.readLine();
            return line == null ? null : JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readAnswers(BufferedReader stdout) {
        try {
            String line;
            while ((line = stdout.readLine()) != null) {
                JsonNode answer;
                try {
                    answer = JSON.readTree(line);
                } catch (IOException notJson) {
                    System.out.println("firefox driver: " + line);
                    continue;
                }
                CompletableFuture<JsonNode> waiting = pending.remove(answer.path("id").asLong());
                if (waiting != null) {
                    waiting.complete(answer);
                }
            }
        } catch (IOException e) {
            // the driver ended; the pending commands fail below
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the firefox driver ended")));
    }

    /** Sends one command and returns its value; a failure in the browser is thrown with its message. */
    JsonNode command(String cmd, Map<String, Object> args) {
        long id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("cmd", cmd);
        message.putAll(args);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (stdin) {
                stdin.write(JSON.writeValueAsString(message) + "\n");
                stdin.flush();
            }
            JsonNode result = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!result.path("ok").asBoolean()) {
                throw new IllegalStateException("firefox " + cmd + " failed: " + result.path("error").asText());
            }
            return result.path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("the firefox driver is gone", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("firefox " + cmd + " got no answer in " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("firefox " + cmd + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pending.remove(id);
        }
    }

    /** The value of an answer as plain Java (maps, lists, numbers, strings), as Playwright returns it. */
    static Object plain(JsonNode value) {
        return JSON.convertValue(value, Object.class);
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the driver closes firefox when its input ends
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
