package com.smilingsteps.signaling.socket;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.relay.InstanceLiveness;
import com.smilingsteps.signaling.relay.RelayBus;
import com.smilingsteps.signaling.relay.RelayMessage;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;

import io.quarkus.websockets.next.CloseReason;

/**
 * What this instance does with the relay topic's records (relay thread only): hands membership
 * commands to {@link Membership}, which applies them and tells its own sockets the outcome (back in
 * relay mode first whenever another instance is heard), delivers messages for them from other
 * instances, answers a new instance's hello, and between polls keeps the failure detector, idle
 * sockets, unpublished leaves and the membership mode in order.
 */
final class RelayListener implements RelayBus.Listener {

    private static final Logger LOG = Logger.getLogger(RelayListener.class);
    private static final CloseReason IDLE = new CloseReason(1008, "no message or pong within the idle timeout");

    private final String instanceId;
    private final Rooms rooms;
    private final LocalPeers peers;
    private final RelayPublisher relay;
    private final Membership membership;
    private final SignalingConfig config;
    private final LongSupplier clock;
    private final InstanceLiveness liveness;
    /** When the other instances have announced their members to us (clock time); unset until ready. */
    private volatile long syncedAfter;
    private volatile boolean syncing;

    RelayListener(String instanceId, Rooms rooms, LocalPeers peers, RelayPublisher relay, Membership membership,
            SignalingConfig config, LongSupplier nanoClock) {
        this.instanceId = instanceId;
        this.rooms = rooms;
        this.peers = peers;
        this.relay = relay;
        this.membership = membership;
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
        membership.relayRestarted();
        // the others answer at once; one heartbeat interval is ample for their Present records to arrive
        syncedAfter = clock.getAsLong() + config.relay().heartbeatInterval().toNanos();
        syncing = true;
        relay.fromInstance(new RelayMessage.Hello(instanceId));
    }

    @Override
    public void onMessage(RelayMessage message) {
        liveness.heard(message);
        if (!message.origin().equals(instanceId)) {
            membership.otherInstanceHeard(message.origin(), message instanceof RelayMessage.Hello);
        }
        if (message instanceof RelayMessage.Command command) {
            membership.fromTopic(command);
        } else if (message instanceof RelayMessage.ToPeer toPeer) {
            if (toPeer.instanceId().equals(instanceId)) {
                peers.send(toPeer.peerId(), toPeer.text());
            }
        } else if (message instanceof RelayMessage.ToRoom toRoom) {
            if (!toRoom.origin().equals(instanceId)) {
                // after the commands read before it: a member who joined just before must get it
                membership.afterEarlierChanges(() -> {
                    for (Participant p : rooms.admitted(toRoom.roomId())) {
                        if (p.instanceId().equals(instanceId)) {
                            peers.send(p.peerId(), toRoom.text());
                        }
                    }
                });
            }
        } else if (message instanceof RelayMessage.UsedTickets used && !used.origin().equals(instanceId)) {
            // after the commands read before it: a join read earlier must not find its own ticket used
            membership.afterEarlierChanges(() -> rooms.rememberUsedTickets(used.tickets()));
        } else if (message instanceof RelayMessage.Hello hello && !hello.origin().equals(instanceId)) {
            membership.answerHello();
        }
    }

    @Override
    public void onTick() {
        if (liveness.heartbeatDue()) {
            relay.fromInstance(new RelayMessage.Heartbeat(instanceId));
            if (liveness.relayWorks() || membership.isLocal()) {
                leaveForGoneSockets();
            }
        }
        if (liveness.sweepDue()) {
            removeSilentInstances();
            peers.closeIdle(clock.getAsLong(), config.idleTimeout().toNanos(), IDLE);
            membership.considerLocal(synced(), liveness.relayWorks());
        }
    }

    /**
     * Leaves that could not be published (Kafka was away), or that were carried out before the join
     * they undo (a socket closed while joining), are submitted again, so no ghost stays.
     */
    private void leaveForGoneSockets() {
        for (Member member : rooms.membersHeldBy(instanceId)) {
            Participant p = member.participant();
            if (!peers.holds(p.peerId())) {
                membership.submit(new RoomCommand.Leave(p.roomId(), p.peerId(), LeaveReason.DISCONNECTED),
                        Membership.NOTHING);
            }
        }
    }

    private void removeSilentInstances() {
        for (String other : liveness.newlySilent(rooms.otherInstances(instanceId))) {
            LOG.warnf("instance %s silent for over %s: removing its members", other, config.relay().instanceTimeout());
            Set<String> roomIds = new HashSet<>();
            rooms.membersHeldBy(other).forEach(m -> roomIds.add(m.participant().roomId()));
            roomIds.forEach(roomId -> membership.submit(new RoomCommand.InstanceLost(roomId, other, instanceId),
                    Membership.NOTHING));
        }
    }
}
