package com.smilingsteps.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.testing.CapturedLogs;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.signaling.config.SignalingConfig;

/** The relay loop survives a failing listener, and liveness reports a loop that died. */
class RelayBusSupervisionTest {

    private static final SignalingConfig CONFIG = config("signaling.relay.supervision");

    private static SignalingConfig config(String topic) {
        return new SignalingConfig() {
        @Override
        public Optional<String> instanceId() {
            return Optional.empty();
        }

        @Override
        public WaitingRoom waitingRoom() {
            return () -> true;
        }

        @Override
        public Room room() {
            return () -> 6;
        }

        @Override
        public Rate rate() {
            return null;
        }

        @Override
        public Relay relay() {
            return new Relay() {
                @Override
                public String topic() {
                    return topic;
                }

                @Override
                public Duration heartbeatInterval() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public Duration instanceTimeout() {
                    return Duration.ofSeconds(6);
                }

                @Override
                public Duration livenessTimeout() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public boolean localWhenAlone() {
                    return true;
                }
            };
        }

        @Override
        public Connections connections() {
            return null;
        }

        @Override
        public Sessions sessions() {
            return null;
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofSeconds(60);
        }

        @Override
        public int chatMaxLength() {
            return 2000;
        }

        @Override
        public Duration beatInterval() {
            return Duration.ofSeconds(5);
        }
        };
    }

    private final RelayBus bus = new RelayBus(CONFIG, new ObjectMapper(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), SharedServers.kafka().bootstrapServers());

    @Test
    void aListenerThatThrowsDoesNotStopTheRelayForGood() {
        AtomicInteger ticks = new AtomicInteger();
        AtomicInteger readies = new AtomicInteger();
        bus.start(UUID.randomUUID().toString(), new Listener() {
            @Override
            public void onTick() {
                if (ticks.incrementAndGet() == 1) {
                    throw new IllegalStateException("a bug in a tick");
                }
            }

            @Override
            public void onReady() {
                readies.incrementAndGet();
            }
        });
        try {
            awaitTrue(() -> ticks.get() > 5 && bus.isReady(), "the relay loop did not come back after the failure");
            assertEquals(2, readies.get(), "the restarted loop positions itself again and says so");
            assertEquals(HealthCheckResponse.Status.UP, new RelayLiveness(bus, CONFIG).call().getStatus());
        } finally {
            bus.stop();
        }
    }

    @Test
    void livenessFailsWhenTheLoopHasBeenDeadForTheTimeout() {
        AtomicInteger ticks = new AtomicInteger();
        bus.start(UUID.randomUUID().toString(), new Listener() {
            @Override
            public void onTick() {
                ticks.incrementAndGet();
                throw new StackOverflowError("an error no loop can recover from");
            }

            @Override
            public void onReady() {
            }
        });
        try {
            RelayLiveness liveness = new RelayLiveness(bus, CONFIG);
            awaitTrue(() -> ticks.get() > 0, "the relay loop never ran");
            assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus(), "not dead for long yet");
            awaitTrue(() -> liveness.call().getStatus() == HealthCheckResponse.Status.DOWN,
                    "liveness stayed UP with a dead relay loop");
        } finally {
            bus.stop();
        }
    }

    @Test
    void aRelayTopicThatIsNewIsWaitedForWithoutAnError() {
        // a fresh broker: the topic is created at start and its partitions may not be known at once
        RelayBus fresh = new RelayBus(config("signaling.relay.fresh-" + UUID.randomUUID()), new ObjectMapper(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), SharedServers.kafka().bootstrapServers());
        AtomicInteger readies = new AtomicInteger();
        try (CapturedLogs logs = CapturedLogs.start()) {
            fresh.start(UUID.randomUUID().toString(), new Listener() {
                @Override
                public void onTick() {
                }

                @Override
                public void onReady() {
                    readies.incrementAndGet();
                }
            });
            awaitTrue(fresh::isReady, "the relay never became ready on a new topic");
            assertEquals(1, readies.get(), "positioned once, not restarted after a failure");
            assertEquals(List.of(), logs.errors());
        } finally {
            fresh.stop();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, message);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private interface Listener extends RelayBus.Listener {
        @Override
        default void onMessage(RelayMessage message) {
        }
    }
}
