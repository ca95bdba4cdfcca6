package com.smilingsteps.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Authenticated sockets that send signaling malformed, oversized and out-of-order frames (and get
 * closed for it, and come back). {@link #launch} runs them in a JVM of their own, at the lowest CPU
 * priority: inside the scenario's JVM their sending, garbage and collections stalled the healthy
 * call whose latency the scenario measures, which a real attacker, on another machine, cannot do.
 * How fast their frames get in is the gateway's frame budget either way.
 */
public final class HostileClients {

    private static final String OVERSIZED = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(70_000) + "\"}";
    private static final String[] FRAMES = { "not json {", "{\"type\":\"offer\",\"to\":\"nobody\",\"sdp\":\"x\"}",
            "{\"type\":\"join-room\",\"ticket\":\"forged.ticket.value\"}", OVERSIZED, "[1,2,3]",
            "{\"type\":\"admit\",\"peerId\":\"someone\"}", "{\"type\":\"leave-room\"}", "{\"no\":\"type\"}" };
    private static final Path NICE = Path.of("/usr/bin/nice");
    private static final String READY = "ready";
    private static final String GO = "go";
    private static final String DONE = "done";

    /**
     * What the attackers did: frames sent (into their sockets: the gateway reads them at its frame
     * rate, and those still unread when a socket is closed are lost with it), frames signaling
     * answered (with an error: every hostile frame but the oversized one gets one), how often a
     * socket was closed and opened again, in how long.
     */
    public record Outcome(int frames, int answered, int reconnects, long millis) {
    }

    private HostileClients() {
    }

    /**
     * Starts a JVM whose clients, one per token, will send {@code frames} hostile frames in all once
     * {@link Running#go()} is called. Tokens go over its stdin, never its command line.
     */
    public static Running launch(String gatewayUrl, List<String> tokens, int frames) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            // a real attacker's CPU is not the server's: here it runs only where the services leave a core idle
            command.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms32m", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HostileClients.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        in.println(gatewayUrl);
        in.println(frames);
        tokens.forEach(in::println);
        in.println();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!READY.equals(first)) {
            process.destroyForcibly();
            throw new IllegalStateException("the hostile clients' JVM did not start: " + first);
        }
        return new Running(process, in, out);
    }

    /** The attackers' JVM, waiting for {@link #go()}. */
    public static final class Running implements AutoCloseable {

        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        private Running(Process process, PrintWriter in, BufferedReader out) {
            this.process = process;
            this.in = in;
            this.out = out;
        }

        public void go() {
            in.println(GO);
        }

        public boolean isAttacking() {
            return process.isAlive();
        }

        /** Waits for the attackers to finish. */
        public Outcome outcome() throws IOException, InterruptedException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(DONE + " ")) {
                    String[] fields = line.split(" ");
                    process.waitFor(10, TimeUnit.SECONDS);
                    return new Outcome(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                            Long.parseLong(fields[4]));
                }
            }
            throw new IllegalStateException("the hostile clients' JVM ended without its figures (exit "
                    + process.waitFor() + ")");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** The attackers' JVM: reads the gateway, frame count and tokens, says ready, attacks on "go", prints its figures. */
    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String gatewayUrl = stdin.readLine();
        int frames = Integer.parseInt(stdin.readLine().trim());
        List<String> tokens = new ArrayList<>();
        for (String line = stdin.readLine(); line != null && !line.isEmpty(); line = stdin.readLine()) {
            tokens.add(line);
        }
        System.out.println(READY);
        if (!GO.equals(stdin.readLine())) {
            return;
        }
        long started = System.nanoTime();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger reconnects = new AtomicInteger();
        List<Thread> attackers = new ArrayList<>();
        for (String token : tokens) {
            Thread attacker = new Thread(() -> attack(gatewayUrl, token, () -> sent.get() < frames, sent, answered,
                    reconnects));
            attacker.start();
            attackers.add(attacker);
        }
        for (Thread attacker : attackers) {
            attacker.join();
        }
        System.out.println(DONE + " " + sent.get() + " " + answered.get() + " " + reconnects.get() + " " + (System.nanoTime() - started) / 1_000_000);
        System.exit(0);
    }

    /** Sends hostile frames from one authenticated socket while {@code more} holds, reconnecting when closed. */
    static void attack(String gatewayUrl, String token, BooleanSupplier more, AtomicInteger sent, AtomicInteger answered,
            AtomicInteger reconnects) {
        WebSocket.Listener counting = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (last) {
                    answered.incrementAndGet();
                }
                webSocket.request(1);
                return null;
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws/signaling");
        WebSocket socket = null;
        int i = 0;
        while (more.getAsBoolean()) {
            try {
                if (socket == null || socket.isOutputClosed() || socket.isInputClosed()) {
                    if (socket != null) {
                        reconnects.incrementAndGet();
                    }
                    socket = http.newWebSocketBuilder().subprotocols("bearer-token-carrier", URLEncoder.encode(
                            "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                            .replace("+", "%20")).buildAsync(uri, counting).get(10, TimeUnit.SECONDS);
                }
                socket.sendText(FRAMES[i++ % FRAMES.length], true).get(5, TimeUnit.SECONDS);
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (socket != null) {
                    socket.abort();
                }
                socket = null;
                reconnects.incrementAndGet();
            }
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
