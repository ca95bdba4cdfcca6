package com.smilingsteps.chaos;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 8: a healthy call relays timed offers while other authenticated sockets hammer
 * signaling with malformed, oversized and out-of-order frames (and get closed for it, and come
 * back). The call's offers all arrive, in order, on sockets that stay open; the relay latency
 * without and with the noise is printed.
 */
public final class NoisyNeighbour {

    private static final String OVERSIZED = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(70_000) + "\"}";
    private static final String[] FRAMES = { "not json {", "{\"type\":\"offer\",\"to\":\"nobody\",\"sdp\":\"x\"}",
            "{\"type\":\"join-room\",\"ticket\":\"forged.ticket.value\"}", OVERSIZED, "[1,2,3]",
            "{\"type\":\"admit\",\"peerId\":\"someone\"}", "{\"type\":\"leave-room\"}", "{\"no\":\"type\"}" };

    public record Result(int frames, int attackerReconnects, long noiseMillis, int offers, double quietP50,
            double quietP99, double noisyP50, double noisyP99, int outOfOrder) {

        @Override
        public String toString() {
            return String.format("scenario 8 (noisy neighbour): %d hostile frames from other sockets in %.1f s (%d "
                    + "reconnects after being closed); healthy call: %d offers, all delivered in order (%d out of order); relay "
                    + "p50/p99 %.1f/%.1f ms quiet, %.1f/%.1f ms under noise (goal p99 < 20 ms)", frames,
                    noiseMillis / 1000.0, attackerReconnects, offers, outOfOrder, quietP50, quietP99, noisyP50, noisyP99);
        }
    }

    private NoisyNeighbour() {
    }

    public static Result run(ChaosStack stack, int frames) throws Exception {
        Api api = stack.api();
        ExecutorService pool = Executors.newCachedThreadPool();
        Api.PaidSession session = api.paidSession(stack.admin(), "noisy neighbour");
        CallPeer psychologist = new CallPeer(session.psychologist(), session.id(), api, stack.gatewayUrl(), pool);
        CallPeer client = new CallPeer(session.client(), session.id(), api, stack.gatewayUrl(), pool);
        try {
            psychologist.join();
            Chaos.check(Chaos.await(Duration.ofSeconds(30), psychologist::inRoom), "psychologist not in the room");
            client.join();
            Chaos.check(Chaos.await(Duration.ofSeconds(30), () -> client.seesOnly(psychologist)
                    && psychologist.seesOnly(client)), "call did not start");
            int quietOffers = offers(client, psychologist, 0, 100);
            List<Long> quiet = psychologist.offerDelays();
            psychologist.resetOffers();

            List<Api.Account> attackers = KafkaOutage.parallel(pool, 8, i -> api.newClient("Noisy " + i));
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger reconnects = new AtomicInteger();
            List<Future<?>> noise = new ArrayList<>();
            long noiseStart = System.nanoTime();
            for (Api.Account attacker : attackers) {
                noise.add(pool.submit(() -> attack(stack.gatewayUrl(), attacker.token(), () -> sent.get() < frames, sent,
                        reconnects)));
            }
            int noisyOffers = 0;
            long seq = 1_000;
            while (noise.stream().anyMatch(f -> !f.isDone())) {
                noisyOffers += offers(client, psychologist, seq, 20);
                seq += 20;
            }
            for (Future<?> f : noise) {
                f.get();
            }
            long noiseMillis = (System.nanoTime() - noiseStart) / 1_000_000;
            int total = quietOffers + noisyOffers;
            int expected = noisyOffers;
            Chaos.check(Chaos.await(Duration.ofSeconds(10), () -> psychologist.offerDelays().size() == expected),
                    "offers lost under noise: " + psychologist.offerDelays().size() + " of " + expected);
            List<Long> noisy = psychologist.offerDelays();
            Result result = new Result(sent.get(), reconnects.get(), noiseMillis, total, Chaos.percentileMillis(quiet, 50),
                    Chaos.percentileMillis(quiet, 99), Chaos.percentileMillis(noisy, 50), Chaos.percentileMillis(noisy, 99),
                    psychologist.offersOutOfOrder());
            Chaos.check(quiet.size() == quietOffers, "offers lost without noise");
            Chaos.check(result.outOfOrder() == 0, "offers out of order: " + result);
            Chaos.check(psychologist.rejoinNanos().isEmpty() && client.rejoinNanos().isEmpty()
                    && client.seesOnly(psychologist), "the healthy call was disturbed: " + result);
            return result;
        } finally {
            psychologist.close();
            client.close();
            pool.shutdownNow();
        }
    }

    /** Sends {@code count} timed offers at 50 per second (the per-socket rate limit allows 50/s). */
    private static int offers(CallPeer from, CallPeer to, long firstSeq, int count) {
        for (int i = 0; i < count; i++) {
            from.timedOffer(to, firstSeq + i);
            Processes.sleep(20);
        }
        if (firstSeq == 0) {
            Chaos.await(Duration.ofSeconds(10), () -> to.offerDelays().size() == count);
        }
        return count;
    }

    /** Sends hostile frames from one authenticated socket while {@code more} holds, reconnecting when closed. */
    static void attack(String gatewayUrl, String token, BooleanSupplier more, AtomicInteger sent,
            AtomicInteger reconnects) {
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
                            .replace("+", "%20")).buildAsync(uri, new WebSocket.Listener() {
                            }).get(10, TimeUnit.SECONDS);
                }
                socket.sendText(FRAMES[i++ % FRAMES.length], true).get(5, TimeUnit.SECONDS);
                sent.incrementAndGet();
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
