package com.smilingsteps.signaling.socket;

import java.time.Duration;
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
 * the only live instance, {@link MembershipMode}) they are applied here at once, on the calling
 * thread, with no Kafka round trip. Applying a command and telling the sockets its outcome happen
 * under one lock on either path, so every peer sees outcomes in the order {@link Rooms} applied them.
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
    private final Object lock = new Object();

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
        synchronized (lock) {
            return mode.local();
        }
    }

    /** Carries out {@code command}; {@code onFailure} runs if it had to go to Kafka and Kafka did not take it. */
    void submit(RoomCommand command, Runnable onFailure) {
        synchronized (lock) {
            if (mode.local()) {
                dispatch(rooms.apply(command));
                return;
            }
            // counted before the lock is let go: the mode cannot turn local while this is on its way
            mode.published(command);
        }
        relay.command(command, () -> {
            mode.settled(command);
            onFailure.run();
        });
    }

    /** A command read from the relay topic (relay thread). */
    void fromTopic(RelayMessage.Command record) {
        synchronized (lock) {
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
        }
    }

    /**
     * A record of another instance was read (relay thread, before it is handled): back to relay mode.
     * An instance heard again without a hello (it ran on, unheard for a whole timeout: a long pause,
     * a partition) never read what was applied locally meanwhile: it is told the used tickets and
     * this instance's members as a new one would be (a hello is answered when it is handled).
     */
    void otherInstanceHeard(String other, boolean hello) {
        synchronized (lock) {
            if (mode.otherInstanceHeard()) {
                LOG.infof("membership through signaling.relay again: heard instance %s", other);
                if (!hello) {
                    answerHello();
                }
            }
        }
    }

    /** The relay loop was positioned anew and may have missed other instances' records. */
    void relayRestarted() {
        synchronized (lock) {
            if (mode.relayRestarted()) {
                LOG.info("membership through signaling.relay again: the relay loop restarted");
            }
        }
    }

    /** Goes local when this instance is alone and nothing it published is still on the way (relay thread). */
    void considerLocal(boolean synced, boolean relayWorks) {
        synchronized (lock) {
            boolean othersInRooms = !rooms.otherInstances(instanceId).isEmpty();
            if (mode.considerLocal(synced, relayWorks, othersInRooms)) {
                LOG.info("membership applied locally: no other signaling instance heard");
            }
        }
    }

    /** An instance said hello, or came back unheralded: the used tickets and this instance's members, as applied. */
    void answerHello() {
        synchronized (lock) {
            relay.fromInstance(new RelayMessage.UsedTickets(instanceId, rooms.usedTickets()));
            for (Member member : rooms.membersHeldBy(instanceId)) {
                Participant p = member.participant();
                relay.command(new RoomCommand.Present(p, member.admitted(), rooms.capacity(p.roomId())), NOTHING);
            }
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
