package com.smilingsteps.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.smilingsteps.devstack.ServiceProcess;
import com.smilingsteps.e2e.Api;

/**
 * Scenario 7: N simulated calls run round after round (join, negotiate, chat, leave, rejoin) for
 * a while, with hostile frames from other sockets beside them. Every call's chat arrives in
 * order; no service logs an ERROR; each service's RSS, heap after GC, threads and open files are
 * printed at start and end (flat is the goal; printed, not asserted).
 */
public final class Soak {

    private static final int CHATS_PER_ROUND = 10;
    /** Longer than a round takes even when its joins wait their 30 s each. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(3);

    public record Result(Duration duration, int calls, int rounds, int frames, List<String> lost,
            Map<String, String> figures, List<String> errorLines) {

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format("scenario 7 (soak %d min): %d concurrent calls, %d "
                    + "rounds of join/negotiate/chat/leave, %d hostile frames beside; calls with lost or reordered "
                    + "chat: %d; ERROR lines in the services' logs: %d", duration.toMinutes(), calls, rounds, frames,
                    lost.size(), errorLines.size()));
            figures.forEach((service, line) -> out.append("\n    ").append(service).append(": ").append(line));
            return out.toString();
        }
    }

    private Soak() {
    }

    public static Result run(ChaosStack stack, int calls, Duration duration) throws Exception {
        Api api = stack.api();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Api.PaidSession> sessions = KafkaOutage.parallel(pool, calls,
                    i -> api.paidSession(stack.admin(), "soak " + i));
            List<Api.Account> attackers = KafkaOutage.parallel(pool, 2, i -> api.newClient("Soak noise " + i));
            Map<String, ProcessFigures> before = figures(stack);
            Map<String, Long> logSizes = logSizes(stack);
            long end = System.nanoTime() + duration.toNanos();
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger frames = new AtomicInteger();
            List<String> lost = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> work = new ArrayList<>();
            for (Api.Account attacker : attackers) {
                work.add(pool.submit(() -> {
                    // one token at a time: an expired one would only earn 401s, not frames at signaling
                    for (Api.Account signedIn = attacker; System.nanoTime() < end;
                            signedIn = api.fresh(signedIn, TOKEN_MARGIN)) {
                        Instant renew = Api.tokenExpiry(signedIn.token()).minus(TOKEN_MARGIN);
                        HostileClients.attack(stack.gatewayUrl(), signedIn.token(),
                                () -> System.nanoTime() < end && Instant.now().isBefore(renew), frames, new AtomicInteger(),
                                new AtomicInteger());
                    }
                }));
            }
            for (Api.PaidSession session : sessions) {
                work.add(pool.submit(() -> {
                    Api.PaidSession signedIn = session;
                    while (System.nanoTime() < end) {
                        // as the SPA refreshes its access token, each round starts with one that outlasts it
                        signedIn = new Api.PaidSession(session.id(), api.fresh(signedIn.client(), TOKEN_MARGIN),
                                api.fresh(signedIn.psychologist(), TOKEN_MARGIN));
                        round(stack, api, signedIn, pool, lost);
                        rounds.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            Map<String, ProcessFigures> after = figures(stack);
            Map<String, String> figures = new LinkedHashMap<>();
            before.forEach((name, start) -> figures.put(name, "start " + start + "; end " + after.get(name)));
            Result result = new Result(duration, calls, rounds.get(), frames.get(), lost, figures,
                    errorLines(stack, logSizes));
            Chaos.check(lost.isEmpty(), "chat lost or out of order: " + result);
            // the figures too: a 30-minute run that fails on its logs still measured the services
            Chaos.check(result.errorLines().isEmpty(), result.errorLines().size() + " errors in the logs, the first: "
                    + result.errorLines().subList(0, Math.min(5, result.errorLines().size())) + "; " + result);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One call from join to leave: both in, an offer each way, ten chats in order, both out. */
    private static void round(ChaosStack stack, Api api, Api.PaidSession session, ExecutorService pool,
            List<String> lost) {
        CallPeer psychologist = new CallPeer(session.psychologist(), session.id(), api, stack.gatewayUrl(), pool);
        CallPeer client = new CallPeer(session.client(), session.id(), api, stack.gatewayUrl(), pool);
        try {
            psychologist.join();
            Chaos.await(Duration.ofSeconds(30), psychologist::inRoom);
            client.join();
            if (!Chaos.await(Duration.ofSeconds(30), () -> psychologist.seesOnly(client) && client.seesOnly(psychologist))) {
                lost.add(session.id() + ": call did not start");
                return;
            }
            client.timedOffer(psychologist, 0);
            psychologist.timedOffer(client, 0);
            for (int i = 0; i < CHATS_PER_ROUND; i++) {
                client.chat("soak " + i);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < CHATS_PER_ROUND; i++) {
                expected.add("soak " + i);
            }
            if (!Chaos.await(Duration.ofSeconds(15), () -> psychologist.chats().size() >= CHATS_PER_ROUND
                    && client.offerDelays().size() == 1 && psychologist.offerDelays().size() == 1)
                    || !psychologist.chats().equals(expected)) {
                lost.add(session.id() + ": got " + psychologist.chats());
            }
        } finally {
            psychologist.close();
            client.close();
        }
    }

    private static Map<String, ProcessFigures> figures(ChaosStack stack) {
        Map<String, ProcessFigures> figures = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            figures.put(service.name(), ProcessFigures.of(service.pid(), service.port()));
        }
        return figures;
    }

    private static Map<String, Long> logSizes(ChaosStack stack) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            sizes.put(service.name(), Files.size(service.log()));
        }
        return sizes;
    }

    /** Lines logged at ERROR since {@code from} (log sizes at the start). */
    private static List<String> errorLines(ChaosStack stack, Map<String, Long> from) throws IOException {
        List<String> errors = new ArrayList<>();
        for (ServiceProcess service : stack.services()) {
            Path log = service.log();
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(all.length, from.get(service.name()));
            for (String line : new String(all, start, all.length - start).split("\n")) {
                if (line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\"")) {
                    errors.add(service.name() + ": " + line);
                }
            }
        }
        return errors;
    }
}
