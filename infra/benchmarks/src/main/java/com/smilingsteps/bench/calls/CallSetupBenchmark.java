package com.smilingsteps.bench.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.e2e.Browsers;
import com.smilingsteps.e2e.CallRoom;
import com.smilingsteps.e2e.E2eStack;
import com.smilingsteps.e2e.Participant;

/**
 * Call setup time: from the client's "Join call" click to the first remote video frame decoded
 * in the client's browser, over real calls through the whole system (dev stack with coturn, two
 * chromium contexts with fake devices). The psychologist is already in the room and admits the
 * client the instant the waiting entry appears (an in-page observer, so no test-driver latency is
 * counted); the clock and the {@code getStats} polling (every 20 ms) run inside the client's page.
 * Runs N calls with ICE as negotiated ("direct": host candidates on this machine) and N with
 * {@code iceTransportPolicy=relay} through coturn, and prints p50/p95 for each.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -DskipTests install}:
 * {@code java -cp "infra/benchmarks/target/classes:infra/benchmarks/target/lib/*" com.smilingsteps.bench.calls.CallSetupBenchmark [calls=20]}
 */
public final class CallSetupBenchmark {

    /** Clicks Join, then polls the call's inbound video until a frame is decoded; returns ms or -1. */
    private static final String JOIN_TO_FIRST_FRAME = """
            async () => {
              const button = document.querySelector('[data-testid=precall-join-button]');
              const t0 = performance.now();
              button.click();
              while (performance.now() - t0 < 60000) {
                for (const pc of (window.__ssv ? window.__ssv.peerConnections() : [])) {
                  let frames = 0;
                  (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
                  if (frames > 0) return performance.now() - t0;
                }
                await new Promise(resolve => setTimeout(resolve, 20));
              }
              return -1;
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

    public static void main(String[] args) {
        // The embedded Kafka and MongoDB log through slf4j-simple: keep the figures readable.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path repoRoot = Path.of("").toAbsolutePath();
        Path dataDir = repoRoot.resolve("infra/benchmarks/target/calls-stack");
        System.out.println("Starting the system (dev stack with coturn) ...");
        try (Browsers browsers = Browsers.create();
                E2eStack stack = E2eStack.start(repoRoot, dataDir, Map.of())) {
            Browser browser = browsers.launch(true);
            Api.Account admin = stack.admin();
            System.out.printf("System up in %.1f s; %d calls per mode (plus one warm-up each)%n",
                    stack.devStack().startupTime().toMillis() / 1000.0, calls);
            for (boolean relay : new boolean[] {false, true}) {
                String mode = relay ? "forced relay (coturn)" : "direct";
                List<Double> millis = new ArrayList<>();
                int relayed = 0;
                for (int i = 0; i <= calls; i++) {
                    Measured m = oneCall(browser, stack, admin, relay, (relay ? "relay-" : "direct-") + i);
                    if (i == 0) {
                        continue; // warm-up: first JIT of the services' call paths, first TURN allocation
                    }
                    if (m.millis() < 0) {
                        System.out.printf("  %s call %d: no remote frame within 60 s%n", mode, i);
                        continue;
                    }
                    millis.add(m.millis());
                    relayed += m.relayed() ? 1 : 0;
                }
                print(mode, millis, relayed, calls);
            }
        }
    }

    private record Measured(double millis, boolean relayed) {
    }

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
            double ms = ((Number) client.page().evaluate(JOIN_TO_FIRST_FRAME)).doubleValue();
            boolean relayed = ms >= 0 && psychologistRoomPairIsRelay(psychologistRoom);
            return new Measured(ms, relayed);
        }
    }

    private static boolean psychologistRoomPairIsRelay(CallRoom room) {
        List<Map<String, Object>> pairs = room.selectedCandidatePairs();
        return !pairs.isEmpty() && pairs.stream().allMatch(p -> "relay".equals(p.get("local")));
    }

    private static void print(String mode, List<Double> millis, int relayed, int calls) {
        if (millis.isEmpty()) {
            System.out.printf("%-22s no successful call out of %d%n", mode, calls);
            return;
        }
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%-22s calls %d/%d  p50 %.0f ms  p95 %.0f ms  min %.0f ms  max %.0f ms  (selected pair relay in %d)%n",
                mode, sorted.size(), calls, percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1), relayed);
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
