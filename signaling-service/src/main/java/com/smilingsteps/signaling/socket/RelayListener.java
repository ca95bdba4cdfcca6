package com.smilingsteps.signaling.socket;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.events.EventPublisher;
import com.smilingsteps.signaling.relay.InstanceLiveness;
import com.smilingsteps.signaling.relay.RelayBus;
import com.smilingsteps.signaling.relay.RelayMessage;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Outcome;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;

import io.quarkus.websockets.next.CloseReason;

/**
 * What this instance does with the relay topic's records (relay thread only): applies membership
 * commands to {@link Rooms} and tells its own sockets the outcome, delivers messages for them from
 * other instances, answers a new instance's hello, and between polls keeps the failure detector,
 * idle sockets and unpublished leaves in order.
 */
final class RelayListener implements RelayBus.Listener {

    private static final Logger LOG = Logger.getLogger(RelayListener.class);
    private static final CloseReason IDLE = new CloseReason(1008, "no message or pong within the idle timeout");
    private static final CloseReason INSTANCE_DROPPED = new CloseReason(1012, "rejoin: this instance was dropped");

    private final String instanceId;
    private final Rooms rooms;
    private final LocalPeers peers;
    private final RelayPublisher relay;
    private final EventPublisher events;
    private final SignalingConfig config;
    private final LongSupplier clock;
    private final InstanceLiveness liveness;
    /** When the other instances have announced their members to us (clock time); unset until ready. */
    private volatile long syncedAfter;
    private volatile boolean syncing;

    RelayListener(String instanceId, Rooms rooms, LocalPeers peers, RelayPublisher relay, EventPublisher events,
            SignalingConfig config, LongSupplier nanoClock) {
        this.instanceId = instanceId;
        this.rooms = rooms;
        this.peers = peers;
        this.relay = relay;
        this.events = events;
        this.config = config;
        this.clock = nanoClock;
        this.liveness = new InstanceLiveness(instanceId, config.relay().heartbeatInterval(),
                config.relay().instanceTimeout(), nanoClock);
    }

    /** Whether the instances that were there before us have told us their members. */
    boolean synced() {
        return syncing && clock.getAsLong() - syncedAfter >= 0;
    }

    @Override
    public void onReady() {
        // the others answer at once; one heartbeat interval is ample for their Present records to arrive
        syncedAfter = clock.getAsLong() + config.relay().heartbeatInterval().toNanos();
        syncing = true;
        relay.fromInstance(new RelayMessage.Hello(instanceId));
    }

    @Override
    public void onMessage(RelayMessage message) {
        liveness.heard(message);
        if (message instanceof RelayMessage.Command command) {
            dispatch(rooms.apply(command.command()));
        } else if (message instanceof RelayMessage.ToPeer toPeer) {
            if (toPeer.instanceId().equals(instanceId)) {
                peers.send(toPeer.peerId(), toPeer.text());
            }
        } else if (message instanceof RelayMessage.ToRoom toRoom) {
            if (!toRoom.origin().equals(instanceId)) {
                for (Participant p : rooms.admitted(toRoom.roomId())) {
                    if (p.instanceId().equals(instanceId)) {
                        peers.send(p.peerId(), toRoom.text());
                    }
                }
            }
        } else if (message instanceof RelayMessage.UsedTickets used && !used.origin().equals(instanceId)) {
            rooms.rememberUsedTickets(used.tickets());
        } else if (message instanceof RelayMessage.Hello hello && !hello.origin().equals(instanceId)) {
            relay.fromInstance(new RelayMessage.UsedTickets(instanceId, rooms.usedTickets()));
            for (Member member : rooms.membersHeldBy(instanceId)) {
                Participant p = member.participant();
                relay.command(new RoomCommand.Present(p, member.admitted(), rooms.capacity(p.roomId())));
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
        if (outcome.left().stream().anyMatch(l -> l.participant().equals(p) && l.reason() == LeaveReason.INSTANCE_LOST)) {
            // the others took this instance for dead: make the client reconnect and rejoin
            peer.close(INSTANCE_DROPPED);
        }
    }

    @Override
    public void onTick() {
        if (liveness.heartbeatDue()) {
            relay.fromInstance(new RelayMessage.Heartbeat(instanceId));
            if (liveness.relayWorks()) {
                leaveForGoneSockets();
            }
        }
        if (liveness.sweepDue()) {
            removeSilentInstances();
            peers.closeIdle(clock.getAsLong(), config.idleTimeout().toNanos(), IDLE);
        }
    }

    /** Leaves that could not be published (Kafka was away) are published again, so no ghost stays. */
    private void leaveForGoneSockets() {
        for (Member member : rooms.membersHeldBy(instanceId)) {
            Participant p = member.participant();
            if (!peers.holds(p.peerId())) {
                relay.command(new RoomCommand.Leave(p.roomId(), p.peerId(), LeaveReason.DISCONNECTED));
            }
        }
    }

    private void removeSilentInstances() {
        for (String other : liveness.newlySilent(rooms.otherInstances(instanceId))) {
            LOG.warnf("instance %s silent for over %s: removing its members", other, config.relay().instanceTimeout());
            Set<String> roomIds = new HashSet<>();
            rooms.membersHeldBy(other).forEach(m -> roomIds.add(m.participant().roomId()));
            roomIds.forEach(roomId -> relay.command(new RoomCommand.InstanceLost(roomId, other, instanceId)));
        }
    }
}
