package com.smilingsteps.bench.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.e2e.Browsers;
import com.smilingsteps.e2e.CallRoom;
import com.smilingsteps.e2e.E2eStack;
import com.smilingsteps.e2e.Participant;
import com.smilingsteps.e2e.TestSpaBuild;

/**
 * Call setup time: from the client's "Join call" click to the first remote video frame decoded
 * in the client's browser, over real calls through the whole system (dev stack with coturn, two
 * chromium contexts with fake devices). The psychologist is already in the room and admits the
 * client the instant the waiting entry appears (an in-page observer, so no test-driver latency is
 * counted); the clock and the {@code getStats} polling (every 20 ms) run inside the client's page.
 * Runs N calls with ICE as negotiated ("direct": host candidates on this machine) and N with
 * {@code iceTransportPolicy=relay} through coturn, and prints p50/p95 for each, the machine's load
 * average beside them, and the setup's timeline (see {@link SetupTimeline}): when each step of the
 * SPA happened after the click, as p50 over the calls.
 *
 * <p>{@code --before <dir>}: a second SPA test build (e.g. main's, {@code npm run build:e2e --
 * --outDir <dir>}) whose calls alternate with the repository's own, in one stack and one run, so
 * the two are compared under the same load (the SPA is served to the browsers by the benchmark,
 * see {@link TestSpaBuild}; the services are the same for both).
 *
 * <p>Run from the repository root after {@code ./mvnw -B -DskipTests install}:
 * {@code java -cp "infra/benchmarks/target/classes:infra/benchmarks/target/lib/*" com.smilingsteps.bench.calls.CallSetupBenchmark [calls=20] [--before <dir>]}
 */
public final class CallSetupBenchmark {

    /**
     * Clicks Join, then polls the call's inbound video until a frame is decoded; returns the ms
     * (or -1) and the click's wall-clock time, to line up the pages' setup marks.
     */
    private static final String JOIN_TO_FIRST_FRAME = """
            async () => {
              const button = document.querySelector('[data-testid=precall-join-button]');
              const t0 = performance.now();
              const clickAt = performance.timeOrigin + t0;
              button.click();
              while (performance.now() - t0 < 60000) {
                for (const pc of (window.__ssv ? window.__ssv.peerConnections() : [])) {
                  let frames = 0;
                  (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
                  if (frames > 0) return { ms: performance.now() - t0, clickAt };
                }
                await new Promise(resolve => setTimeout(resolve, 20));
              }
              return { ms: -1, clickAt };
            }""";

    /** The psychologist's side admits each waiting client once, as soon as the entry shows. */
    private static final String AUTO_ADMIT = """
            () => {
              const admitted = new Set();
              const admit = () => document.querySelectorAll('[data-testid=admit-button]').forEach(b => {
                const peer = b.getAttribute('data-peer-id');
                if (!b.disabled && !admitted.has(peer)) { admitted.add(peer); b.click(); }
              });
              new MutationObserver(admit).observe(document.body, { childList: true, subtree: true, attributes: true });
              admit();
            }""";

    /** One SPA test build the calls are made with, and what its calls measured in the current mode. */
    private static final class Variant {
        final String label;
        final Path spa;
        final List<Double> millis = new ArrayList<>();
        final List<Double> loads = new ArrayList<>();
        SetupTimeline timeline = new SetupTimeline();
        int relayed;

        Variant(String label, Path spa) {
            this.label = label;
            this.spa = spa;
        }

        void reset() {
            millis.clear();
            loads.clear();
            timeline = new SetupTimeline();
            relayed = 0;
        }
    }

    public static void main(String[] args) {
        // The embedded Kafka and MongoDB log through slf4j-simple: keep the figures readable.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int calls = 20;
        Path before = null;
        for (int i = 0; i < args.length; i++) {
            if ("--before".equals(args[i])) {
                before = Path.of(args[++i]).toAbsolutePath();
                if (!Files.isRegularFile(before.resolve("index.html"))) {
                    throw new IllegalArgumentException(before + " is not an SPA build (no index.html)");
                }
            } else {
                calls = Integer.parseInt(args[i]);
            }
        }
        Path repoRoot = Path.of("").toAbsolutePath();
        Path dataDir = repoRoot.resolve("infra/benchmarks/target/calls-stack");
        System.out.println("Starting the system (dev stack with coturn) ...");
        try (Browsers browsers = Browsers.create();
                E2eStack stack = E2eStack.start(repoRoot, dataDir, Map.of())) {
            Browser browser = browsers.launch(true);
            Api.Account admin = stack.admin();
            List<Variant> variants = new ArrayList<>();
            if (before != null) {
                variants.add(new Variant("before", before));
            }
            variants.add(new Variant(before != null ? "after" : "this build", TestSpaBuild.servedFor(stack.baseUrl())));
            System.out.printf("System up in %.1f s; %d calls per mode and build (plus one warm-up each)%n",
                    stack.devStack().startupTime().toMillis() / 1000.0, calls);
            for (boolean relay : new boolean[] {false, true}) {
                String mode = relay ? "forced relay (coturn)" : "direct";
                variants.forEach(Variant::reset);
                for (int i = 0; i <= calls; i++) {
                    // alternate which build goes first, so neither always follows the other's call
                    List<Variant> order = new ArrayList<>(variants);
                    if (i % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (Variant v : order) {
                        TestSpaBuild.register(stack.baseUrl(), v.spa);
                        double load = loadAverage();
                        Measured m = oneCall(browser, stack, admin, relay, (relay ? "relay-" : "direct-") + v.label.charAt(0) + i);
                        if (i == 0) {
                            continue; // warm-up: first JIT of the services' call paths, first TURN allocation
                        }
                        if (m.millis() < 0) {
                            System.out.printf("  %s %s call %d: no remote frame within 60 s%n", mode, v.label, i);
                            continue;
                        }
                        v.millis.add(m.millis());
                        v.loads.add(load);
                        v.relayed += m.relayed() ? 1 : 0;
                        v.timeline.addCall(m.clickAt(), m.millis(), m.marks());
                    }
                }
                for (Variant v : variants) {
                    print(mode + ", " + v.label, v, calls);
                }
                for (Variant v : variants) {
                    System.out.printf("  timeline, %s, %s:%n", mode, v.label);
                    v.timeline.lines().forEach(System.out::println);
                }
            }
        }
    }

    private record Measured(double millis, double clickAt, boolean relayed, Map<String, List<List<Object>>> marks) {
    }

    @SuppressWarnings("unchecked")
    private static Measured oneCall(Browser browser, E2eStack stack, Api.Account admin, boolean relay, String label) {
        Api.PaidSession session = stack.api().paidSession(admin, label);
        try (Participant psychologist = Participant.open(browser, stack.baseUrl(), session.psychologist());
                Participant client = Participant.open(browser, stack.baseUrl(), session.client())) {
            psychologist.login();
            client.login();
            CallRoom psychologistRoom = psychologist.openCall(session.id(), relay).join();
            psychologistRoom.awaitStatus("waiting-participant", Duration.ofSeconds(20));
            psychologist.page().evaluate(AUTO_ADMIT);
            client.openCall(session.id(), relay);
            client.byTestId("precall-join-button").waitFor();
            CallRoom.waitUntil("the client's Join button enabled", Duration.ofSeconds(20),
                    () -> client.byTestId("precall-join-button").isEnabled());
            Map<String, Object> result = (Map<String, Object>) client.page().evaluate(JOIN_TO_FIRST_FRAME);
            double ms = ((Number) result.get("ms")).doubleValue();
            double clickAt = ((Number) result.get("clickAt")).doubleValue();
            boolean relayed = ms >= 0 && psychologistRoomPairIsRelay(psychologistRoom);
            Map<String, List<List<Object>>> marks = Map.of(
                    "c", (List<List<Object>>) client.page().evaluate(SetupTimeline.READ_MARKS),
                    "p", (List<List<Object>>) psychologist.page().evaluate(SetupTimeline.READ_MARKS));
            return new Measured(ms, clickAt, relayed, marks);
        }
    }

    private static boolean psychologistRoomPairIsRelay(CallRoom room) {
        List<Map<String, Object>> pairs = room.selectedCandidatePairs();
        return !pairs.isEmpty() && pairs.stream().allMatch(p -> "relay".equals(p.get("local")));
    }

    /** The machine's 1-minute load average (2 shared cores: read the figures beside it). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void print(String what, Variant v, int calls) {
        if (v.millis.isEmpty()) {
            System.out.printf("%-34s no successful call out of %d%n", what, calls);
            return;
        }
        List<Double> sorted = v.millis.stream().sorted().toList();
        double load = v.loads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf("%-34s calls %d/%d  p50 %.0f ms  p95 %.0f ms  min %.0f ms  max %.0f ms  (selected pair relay in %d; load avg %.1f)%n",
                what, sorted.size(), calls, percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1), v.relayed, load);
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
