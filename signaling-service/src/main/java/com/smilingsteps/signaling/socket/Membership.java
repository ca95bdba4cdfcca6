package com.smilingsteps.signaling.socket;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import com.smilingsteps.signaling.events.EventPublisher;
import com.smilingsteps.signaling.relay.MembershipMode;
import com.smilingsteps.signaling.relay.RelayMessage;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Outcome;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;

/**
 * The one place that carries out membership commands. In relay mode they go to the relay topic
 * and are applied when read back, in the topic's order, on every instance; in local mode (this is
 * the only live instance, {@link MembershipMode}) they are applied here at once, with no Kafka round
 * trip. Either way a command is applied and its outcome told to the sockets on one thread, in the
 * order the commands were handed over, so every peer sees outcomes in the order {@link Rooms}
 * applied them; the mode changes on that thread too, between two commands.
 */
final class Membership {

    private static final Logger LOG = Logger.getLogger(Membership.class);
    private static final CloseReason INSTANCE_DROPPED = new CloseReason(1012, "rejoin: this instance was dropped");
    static final Runnable NOTHING = () -> {
    };

    private final String instanceId;
    private final Rooms rooms;
    private final LocalPeers peers;
    private final RelayPublisher relay;
    private final EventPublisher events;
    private final MembershipMode mode;
    /** Where every membership change is applied and dispatched, one after another. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread membership = new Thread(runnable, "signaling-membership");
        membership.setDaemon(true);
        return membership;
    });
    /** The mode as last set on the membership thread, for gauges and the relay thread's sweep. */
    private volatile boolean local;

    Membership(String instanceId, Rooms rooms, LocalPeers peers, RelayPublisher relay, EventPublisher events,
            boolean localWhenAlone, Duration instanceTimeout, LongSupplier nanoClock, MeterRegistry metrics) {
        this.instanceId = instanceId;
        this.rooms = rooms;
        this.peers = peers;
        this.relay = relay;
        this.events = events;
        this.mode = new MembershipMode(localWhenAlone, instanceTimeout, nanoClock);
        Gauge.builder("signaling.membership.local", this, m -> m.isLocal() ? 1 : 0)
                .description("1 while this instance applies membership changes itself (the only live instance), "
                        + "0 while they go through signaling.relay")
                .register(metrics);
        Gauge.builder("signaling.rooms.active", rooms, Rooms::activeRooms)
                .description("rooms with a member, as this instance knows them (every instance knows every room)")
                .register(metrics);
    }

    boolean isLocal() {
        return local;
    }

    /** Carries out {@code command}; {@code onFailure} runs if it had to go to Kafka and Kafka did not take it. */
    void submit(RoomCommand command, Runnable onFailure) {
        inOrder(() -> {
            if (mode.local()) {
                dispatch(rooms.apply(command));
                return;
            }
            // counted before it leaves this thread: the mode cannot turn local while it is on its way
            mode.published(command);
            relay.command(command, () -> {
                mode.settled(command);
                onFailure.run();
            });
        });
    }

    /** A command read from the relay topic (relay thread). */
    void fromTopic(RelayMessage.Command record) {
        inOrder(() -> {
            if (record.origin().equals(instanceId)) {
                mode.settled(record.command());
                if (mode.local()) {
                    // published in relay mode and given up on since: applied all the same (Rooms ignores what
                    // is no longer true, and a join whose socket is gone is left again at the next heartbeat)
                    LOG.warnf("own %s command read back late, in local mode",
                            record.command().getClass().getSimpleName());
                }
            }
            dispatch(rooms.apply(record.command()));
        });
    }

    /**
     * A record of another instance was read (relay thread, before it is handled): back to relay mode.
     * An instance heard again without a hello (it ran on, unheard for a whole timeout: a long pause,
     * a partition) never read what was applied locally meanwhile: it is told the used tickets and
     * this instance's members as a new one would be (a hello is answered when it is handled).
     */
    void otherInstanceHeard(String other, boolean hello) {
        inOrder(() -> {
            if (mode.otherInstanceHeard()) {
                local = false;
                LOG.infof("membership through signaling.relay again: heard instance %s", other);
                if (!hello) {
                    announce();
                }
            }
        });
    }

    /** The relay loop was positioned anew and may have missed other instances' records. */
    void relayRestarted() {
        inOrder(() -> {
            if (mode.relayRestarted()) {
                local = false;
                LOG.info("membership through signaling.relay again: the relay loop restarted");
            }
        });
    }

    /** Goes local when this instance is alone and nothing it published is still on the way (relay thread). */
    void considerLocal(boolean synced, boolean relayWorks) {
        inOrder(() -> {
            boolean othersInRooms = !rooms.otherInstances(instanceId).isEmpty();
            if (mode.considerLocal(synced, relayWorks, othersInRooms)) {
                local = true;
                LOG.info("membership applied locally: no other signaling instance heard");
            }
        });
    }

    /** An instance said hello, or came back unheralded: the used tickets and this instance's members, as applied. */
    void answerHello() {
        inOrder(this::announce);
    }

    /** The used tickets and a {@code present} for each of this instance's members (membership thread). */
    private void announce() {
        relay.fromInstance(new RelayMessage.UsedTickets(instanceId, rooms.usedTickets()));
        for (Member member : rooms.membersHeldBy(instanceId)) {
            Participant p = member.participant();
            relay.command(new RoomCommand.Present(p, member.admitted(), rooms.capacity(p.roomId())), NOTHING);
        }
    }

    /** Lets the commands already handed over finish (at shutdown, after the leaves), then takes no more. */
    void stop(Duration wait) {
        thread.shutdown();
        try {
            thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code task} (a topic record that reads the rooms) after the membership changes handed
     * over before it, as they were read: on the membership thread.
     */
    void afterEarlierChanges(Runnable task) {
        inOrder(task);
    }

    /**
     * Runs {@code task} on the membership thread, after every task handed over before it. One thread
     * instead of a lock: a caller never waits (event loops hand over admits and leaves, workers joins),
     * and no convoy forms behind a holder the scheduler put aside, as it did under a 100-room burst.
     */
    private void inOrder(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("membership task failed", e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.debug("membership change after shutdown ignored");
        }
    }

    private void dispatch(Outcome outcome) {
        for (Outcome.Delivery delivery : outcome.deliveries()) {
            if (delivery.to().instanceId().equals(instanceId)) {
                peers.send(delivery.to().peerId(), delivery.message().toString());
            }
        }
        Outcome.JoinDecision decision = outcome.joinDecision();
        if (decision != null && decision.participant().instanceId().equals(instanceId)) {
            Participant p = decision.participant();
            PeerConnection peer = peers.byPeer(p.peerId());
            events.accessDecision(p.sessionId(), p.userId(), p.role().wireName(), "signaling.join",
                    "room:" + p.roomId(), decision.allowed(), decision.reason(), peer == null ? null : peer.clientIp);
        }
        for (Participant p : outcome.joined()) {
            if (p.instanceId().equals(instanceId)) {
                events.participantJoined(p);
            }
        }
        for (Outcome.Left left : outcome.left()) {
            String publisher = left.reportedBy() != null ? left.reportedBy() : left.participant().instanceId();
            if (publisher.equals(instanceId)) {
                events.participantLeft(left.participant(), left.reason());
            }
        }
        for (Participant p : outcome.removed()) {
            if (p.instanceId().equals(instanceId)) {
                removed(outcome, p);
            }
        }
    }

    private void removed(Outcome outcome, Participant p) {
        PeerConnection peer = peers.byPeer(p.peerId());
        if (peer == null) {
            return;
        }
        peers.detach(peer, p.peerId());
        if (outcome.left().stream()
                .anyMatch(l -> l.participant().equals(p) && l.reason() == LeaveReason.INSTANCE_LOST)) {
            // the others took this instance for dead: make the client reconnect and rejoin
            peer.close(INSTANCE_DROPPED);
        }
    }
}
