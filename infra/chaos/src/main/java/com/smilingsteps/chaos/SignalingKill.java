package com.smilingsteps.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 3: two signaling instances behind the gateway hold N calls of two protocol peers; one
 * instance is SIGKILLed. Every peer it held reconnects through the gateway and rejoins on the
 * survivor; afterwards every peer sees exactly its partner (no ghost) and chat still flows.
 */
public final class SignalingKill {

    public record Result(int calls, int peersOnKilled, int peersOnSurvivor, int dropped, int rejoined,
            double p50Millis, double p99Millis, double maxMillis, String browserCall) {

        @Override
        public String toString() {
            return String.format("scenario 3 (signaling instance SIGKILLed mid-call): %d protocol calls, %d peers on the "
                    + "killed instance, %d on the survivor; %d dropped, %d back in their rooms; rejoin p50 %.0f ms, "
                    + "p99 %.0f ms, max %.0f ms (goal < 5000 ms); no ghost participants; %s", calls, peersOnKilled,
                    peersOnSurvivor, dropped, rejoined, p50Millis, p99Millis, maxMillis, browserCall);
        }
    }

    /**
     * The longest gap in decoded frames that still counts as media that never stopped (the small
     * fake camera: 15 fps, 30 frames).
     */
    private static final double MAX_STALL_MILLIS = 2000;

    private SignalingKill() {
    }

    /** {@code withBrowsers}: also one real two-Chromium call, whose media must keep flowing. */
    public static Result run(ChaosStack stack, int calls, boolean withBrowsers) {
        stack.ensureRunning(ChaosStack.SIGNALING_A);
        Api api = stack.api();
        Api.Account admin = stack.admin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // every dropped peer reconnects on its own, as each browser does
        ExecutorService reconnects = Executors.newCachedThreadPool();
        List<CallPeer[]> pairs = new ArrayList<>();
        BrowserCall browser = null;
        try {
            List<Api.PaidSession> sessions = pool.submit(() -> IntStream.range(0, calls).parallel()
                    .mapToObj(i -> api.paidSession(admin, "chaos call " + i)).toList()).get();
            for (Api.PaidSession session : sessions) {
                String gateway = stack.gatewayUrl();
                CallPeer psychologist = new CallPeer(session.psychologist(), session.id(), api, gateway, reconnects);
                CallPeer client = new CallPeer(session.client(), session.id(), api, gateway, reconnects);
                psychologist.join();
                Chaos.check(Chaos.await(Duration.ofSeconds(30), psychologist::inRoom), "psychologist not in the room");
                client.join();
                pairs.add(new CallPeer[] { psychologist, client });
            }
            Chaos.check(Chaos.await(Duration.ofSeconds(60), () -> allPaired(pairs)), "calls did not start: " + views(pairs));
            int portA = stack.service(ChaosStack.SIGNALING_A).port();
            int portB = stack.service(ChaosStack.SIGNALING_B).port();
            int onA = (int) Chaos.metric(portA, "signaling_peers");
            int onB = (int) Chaos.metric(portB, "signaling_peers");

            String browserFailure = null;
            if (withBrowsers) {
                try {
                    browser = BrowserCall.connect(stack, false);
                } catch (RuntimeException | AssertionError e) {
                    // the protocol calls still give their figure; the scenario fails at the end
                    browserFailure = "the two-Chromium call did not connect before the kill: " + e.getMessage();
                }
            }
            stack.service(ChaosStack.SIGNALING_A).kill();

            BrowserCall watched = browser;
            Chaos.check(Chaos.await(Duration.ofSeconds(90), () -> {
                if (watched != null) {
                    watched.sample();
                }
                return allPaired(pairs) && rejoins(pairs).size() >= onA;
            }), "not every call came back after the kill: " + views(pairs));
            String browserFigure = browserFailure != null ? browserFailure : "no browser call";
            if (watched != null) {
                long protocolBack = System.nanoTime();
                Chaos.check(Chaos.await(Duration.ofSeconds(60), () -> {
                    watched.sample();
                    return watched.recovered();
                }), "the browser call did not recover: " + watched.state());
                for (int i = 0; i < 10; i++) {
                    watched.sample();
                    Processes.sleep(200);
                }
                browserFigure = String.format("two-Chromium call: longest gap in decoded frames %.0f ms, both pages "
                        + "back in the room %.1f s after the protocol calls", watched.longestStallMillis(),
                        Chaos.seconds(System.nanoTime() - protocolBack));
                Chaos.check(watched.longestStallMillis() < MAX_STALL_MILLIS, "the real call's media stopped: "
                        + browserFigure);
            }
            // what was reported as instance loss arrives within the instance timeout: wait it out, then look again
            Processes.sleep(8000);
            Chaos.check(allPaired(pairs), "ghost or missing participants after the instance timeout: " + views(pairs));
            for (int i = 0; i < pairs.size(); i++) {
                pairs.get(i)[1].chat("after the kill " + i);
            }
            Chaos.check(Chaos.await(Duration.ofSeconds(15), () -> pairs.stream()
                    .allMatch(p -> p[0].chats().stream().anyMatch(t -> t.startsWith("after the kill")))),
                    "chat lost after the kill");
            List<Long> rejoins = rejoins(pairs);
            Result result = new Result(calls, onA, onB, onA, rejoins.size(), Chaos.percentileMillis(rejoins, 50),
                    Chaos.percentileMillis(rejoins, 99), Chaos.percentileMillis(rejoins, 100), browserFigure);
            int expected = 2 * calls + (browser != null ? 2 : 0);
            Chaos.check((int) Chaos.metric(portB, "signaling_peers") == expected, "the survivor holds "
                    + Chaos.metric(portB, "signaling_peers") + " peers, expected " + expected + ": " + result);
            Chaos.check(browserFailure == null, result.toString());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not prepare the calls", e.getCause());
        } finally {
            if (browser != null) {
                browser.close();
            }
            pairs.forEach(p -> {
                p[0].close();
                p[1].close();
            });
            pool.shutdownNow();
            reconnects.shutdownNow();
        }
    }

    private static boolean allPaired(List<CallPeer[]> pairs) {
        return pairs.stream().allMatch(p -> p[0].seesOnly(p[1]) && p[1].seesOnly(p[0]));
    }

    private static List<Long> rejoins(List<CallPeer[]> pairs) {
        List<Long> all = new ArrayList<>();
        pairs.forEach(p -> {
            all.addAll(p[0].rejoinNanos());
            all.addAll(p[1].rejoinNanos());
        });
        return all;
    }

    private static String views(List<CallPeer[]> pairs) {
        StringBuilder out = new StringBuilder();
        for (CallPeer[] p : pairs) {
            if (!(p[0].seesOnly(p[1]) && p[1].seesOnly(p[0]))) {
                out.append("\n  psychologist ").append(p[0].peerId()).append(" in room ").append(p[0].inRoom())
                        .append(" sees ").append(p[0].view()).append(" errors ").append(p[0].errors())
                        .append("; client ").append(p[1].account.id()).append('/').append(p[1].peerId())
                        .append(" in room ").append(p[1].inRoom()).append(" sees ").append(p[1].view())
                        .append(" errors ").append(p[1].errors());
            }
        }
        return out.toString();
    }
}
