package com.smilingsteps.chaos;

import java.time.Duration;

/**
 * Scenario 6: a call forced through the TURN relay while coturn is stopped and started again
 * (its allocations are gone): both Chromium pages must get their media back by ICE restart.
 */
public final class CoturnRestart {

    public record Result(Duration down, double recoveredSeconds, double longestGapMillis) {

        @Override
        public String toString() {
            return String.format("scenario 6 (coturn restarted during a relayed call, down %d s): media back %.1f s "
                    + "after coturn was (goal < 10 s); longest gap in decoded frames %.0f ms", down.toSeconds(),
                    recoveredSeconds, longestGapMillis);
        }
    }

    private CoturnRestart() {
    }

    public static Result run(ChaosStack stack, Duration down) {
        try (BrowserCall call = BrowserCall.connect(stack, true)) {
            call.sample();
            System.out.printf("scenario 6: coturn stopped at %tT.%<tL%n", System.currentTimeMillis());
            // restarted on another thread, so that this one (Playwright's) samples the frames
            // throughout: a sample only after the restart would miss the start of the gap
            java.util.concurrent.CompletableFuture<Void> restart = java.util.concurrent.CompletableFuture.runAsync(
                    () -> stack.restartCoturn(down));
            while (!restart.isDone()) {
                call.sample();
                com.smilingsteps.infra.embedded.Processes.sleep(100);
            }
            restart.join();
            long back = System.nanoTime();
            System.out.printf("scenario 6: coturn back at %tT.%<tL%n", System.currentTimeMillis());
            long before = call.framesNow();
            Chaos.check(Chaos.await(Duration.ofSeconds(60), () -> {
                call.sample();
                return call.framesNow() > before + 30 && call.recovered();
            }), "the relayed call did not recover after the coturn restart: " + call.state() + "\n" + call.iceLog());
            System.out.printf("scenario 6: media back at %tT.%<tL; the pages' ICE log:%n  %s%n", System.currentTimeMillis(),
                    String.join("\n  ", call.iceLog()));
            return new Result(down, Chaos.seconds(System.nanoTime() - back), call.longestStallMillis());
        }
    }
}
