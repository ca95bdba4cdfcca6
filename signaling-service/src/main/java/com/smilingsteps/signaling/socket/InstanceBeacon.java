package com.smilingsteps.signaling.socket;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import com.smilingsteps.contracts.SignalingInstanceEvent;
import com.smilingsteps.signaling.events.InstancePublisher;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Tells session-service this instance is running ({@code InstanceAlive} every
 * {@code signaling.beat-interval}) and, on a normal stop, that it stopped ({@code InstanceStopped},
 * after {@link Signaling} took its peers out of their rooms). Other instances detect a dead one on
 * {@code signaling.relay}; when the only instance is killed, this silence is what session-service
 * goes by to mark its peers left. Kept off the relay thread and the sockets' path.
 */
@ApplicationScoped
public class InstanceBeacon {

    /** How long a stop waits for Kafka to take the record. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final Signaling signaling;
    private final InstancePublisher publisher;
    /** The JVM's start: peers that joined an earlier run under a reused instance id joined before it. */
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    InstanceBeacon(Signaling signaling, InstancePublisher publisher) {
        this.signaling = signaling;
        this.publisher = publisher;
    }

    // not while starting: the first beat then came before the emitter's channel was connected (an ERROR per start)
    @Scheduled(every = "${signaling.beat-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        publisher.publish(SignalingInstanceEvent.of(SignalingInstanceEvent.ALIVE, signaling.instanceId(), startedAt));
    }

    /** After {@link Signaling}'s own stop (default priority), which publishes its peers' leaves. */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        stopped();
    }

    void stopped() {
        try {
            publisher.publish(SignalingInstanceEvent.of(SignalingInstanceEvent.STOPPED, signaling.instanceId(), startedAt))
                    .toCompletableFuture().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // session-service then goes by the silence instead
        }
    }
}
