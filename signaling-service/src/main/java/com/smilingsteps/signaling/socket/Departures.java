package com.smilingsteps.signaling.socket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;
import com.smilingsteps.signaling.room.ServerMessages;

import io.quarkus.websockets.next.CloseReason;

/**
 * How this instance's peers leave their rooms: a closed socket, a session that ended, and a
 * graceful stop of the instance, after which every leave is {@code instance-lost}.
 */
final class Departures {

    private static final Logger LOG = Logger.getLogger(Departures.class);

    private final String instanceId;
    private final Rooms rooms;
    private final LocalPeers peers;
    private final Membership membership;
    private final AtomicBoolean stopping = new AtomicBoolean();

    Departures(String instanceId, Rooms rooms, LocalPeers peers, Membership membership) {
        this.instanceId = instanceId;
        this.rooms = rooms;
        this.peers = peers;
        this.membership = membership;
    }

    void leave(PeerConnection peer, LeaveReason reason) {
        String peerId = peer.peerId;
        String roomId = peer.roomId;
        if (peerId == null) {
            return;
        }
        peers.detach(peer, peerId);
        membership.submit(new RoomCommand.Leave(roomId, peerId, reason), Membership.NOTHING);
    }

    /** A socket closed: an ordinary disconnect, unless the instance is stopping (then its partner keeps the media). */
    void closed(PeerConnection peer) {
        leave(peer, stopping.get() ? LeaveReason.INSTANCE_LOST : LeaveReason.DISCONNECTED);
    }

    boolean stopping() {
        return stopping.get();
    }

    /** Marks the instance stopping and takes whoever is still in a room out of it (called at each step of a stop). */
    void leaveRoomsOnStop() {
        stopping.set(true);
        int inRooms = peers.inRooms().size();
        if (inRooms > 0) {
            LOG.infof("signaling instance stopping: %d peers leave their rooms as from a lost instance", inRooms);
            leaveRooms(Duration.ofSeconds(3));
        }
    }

    /**
     * This instance's peers leave (as from a lost instance: the other side keeps its media) and it
     * waits up to {@code wait} for the leaves to be applied (read back, in relay mode), which
     * publishes their ParticipantLeft.
     */
    void leaveRooms(Duration wait) {
        List<PeerConnection> leaving = peers.inRooms();
        leaving.forEach(peer -> leave(peer, LeaveReason.INSTANCE_LOST));
        long deadline = System.nanoTime() + wait.toNanos();
        while (!leaving.isEmpty() && !rooms.membersHeldBy(instanceId).isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
    }

    /**
     * Ends {@code ending}: each socket is told why with an {@code error}, leaves its room if it is in
     * one (as after Leave: the others close their side of the media), and closes.
     */
    void endSockets(List<PeerConnection> ending, String code, String text, CloseReason reason) {
        for (PeerConnection peer : ending) {
            peer.send(ServerMessages.error(code, text).toString());
            leave(peer, LeaveReason.LEFT);
            peer.close(reason);
        }
    }

    /** Drops {@code who} of this instance's members of {@code sessionId}'s room, each told why with an {@code error}. */
    void endCalls(String sessionId, Predicate<Participant> who, String code, String text) {
        for (Member member : rooms.membersHeldBy(instanceId)) {
            PeerConnection peer = peers.byPeer(member.participant().peerId());
            if (peer != null && member.participant().sessionId().equals(sessionId) && who.test(member.participant())) {
                peer.send(ServerMessages.error(code, text).toString());
                leave(peer, LeaveReason.SESSION_ENDED);
            }
        }
    }
}
