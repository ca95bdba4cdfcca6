package com.smilingsteps.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 8: a healthy call relays timed offers while other authenticated sockets hammer
 * signaling with malformed, oversized and out-of-order frames (and get closed for it, and come
 * back) from a JVM of their own ({@link HostileClients}). The call's offers all arrive, in order, on sockets that stay open; the relay latency
 * without and with the noise is printed.
 */
public final class NoisyNeighbour {

    /** In the stack's log directory: each offer's arrival and delay. */
    static final String TIMELINE = "noisy-neighbour-offers.csv";

    public record Result(int frames, int answered, int attackerReconnects, long noiseMillis, int offers, double quietP50,
            double quietP99, double noisyP50, double noisyP99, int outOfOrder) {

        @Override
        public String toString() {
            return String.format("scenario 8 (noisy neighbour): %d hostile frames sent from other sockets (their own JVM), %d of "
                    + "them answered by signaling, in %.1f s (%d reconnects after being closed); healthy call: %d offers, all delivered in order (%d out of order); relay "
                    + "p50/p99 %.1f/%.1f ms quiet, %.1f/%.1f ms under noise (goal p99 < 20 ms)", frames,
                    answered, noiseMillis / 1000.0, attackerReconnects, offers, outOfOrder, quietP50, quietP99, noisyP50, noisyP99);
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
            List<Long> quietArrivals = psychologist.offerArrivals();
            psychologist.resetOffers();

            List<Api.Account> attackers = KafkaOutage.parallel(pool, 8, i -> api.newClient("Noisy " + i));
            HostileClients.Outcome noise;
            long noiseStart;
            int noisyOffers = 0;
            try (HostileClients.Running hostile = HostileClients.launch(stack.gatewayUrl(),
                    attackers.stream().map(Api.Account::token).toList(), frames)) {
                noiseStart = System.currentTimeMillis();
                hostile.go();
                long seq = 1_000;
                while (hostile.isAttacking()) {
                    noisyOffers += offers(client, psychologist, seq, 20);
                    seq += 20;
                }
                noise = hostile.outcome();
            }
            int total = quietOffers + noisyOffers;
            int expected = noisyOffers;
            Chaos.check(Chaos.await(Duration.ofSeconds(10), () -> psychologist.offerDelays().size() == expected),
                    "offers lost under noise: " + psychologist.offerDelays().size() + " of " + expected);
            List<Long> noisy = psychologist.offerDelays();
            writeTimeline(stack.logs().resolve(TIMELINE), noiseStart, quiet, quietArrivals, noisy,
                    psychologist.offerArrivals());
            Result result = new Result(noise.frames(), noise.answered(), noise.reconnects(), noise.millis(), total, Chaos.percentileMillis(quiet, 50),
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

    /**
     * Every offer's arrival (UTC, and milliseconds since the noise began) and relay delay, to line
     * the slow ones up with the services' logs, GC and profiles.
     */
    private static void writeTimeline(Path file, long noiseStart, List<Long> quiet, List<Long> quietArrivals,
            List<Long> noisy, List<Long> noisyArrivals) throws IOException {
        StringBuilder csv = new StringBuilder("phase,arrived,since_noise_ms,delay_ms\n");
        for (int i = 0; i < quiet.size(); i++) {
            csv.append(line("quiet", quietArrivals.get(i), noiseStart, quiet.get(i)));
        }
        for (int i = 0; i < noisy.size(); i++) {
            csv.append(line("noisy", noisyArrivals.get(i), noiseStart, noisy.get(i)));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
    }

    private static String line(String phase, long arrived, long noiseStart, long delayNanos) {
        return String.format("%s,%s,%d,%.2f%n", phase, Instant.ofEpochMilli(arrived), arrived - noiseStart, delayNanos / 1e6);
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
}
