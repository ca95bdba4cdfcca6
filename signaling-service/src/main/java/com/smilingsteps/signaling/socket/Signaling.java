package com.smilingsteps.signaling.socket;

import static java.util.stream.Collectors.toSet;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.events.EventPublisher;
import com.smilingsteps.signaling.relay.InstanceWatch;
import com.smilingsteps.signaling.relay.RelayBus;
import com.smilingsteps.signaling.relay.RelayMessage;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Outcome;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;
import com.smilingsteps.signaling.room.ServerMessages;
import com.smilingsteps.signaling.ticket.InvalidTicketException;
import com.smilingsteps.signaling.ticket.JoinTicket;
import com.smilingsteps.signaling.ticket.JoinTicketVerifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The sockets this instance holds and what their messages do. Membership changes go through the
 * relay topic (see {@link Rooms}); offers, answers, candidates and chat go straight to local
 * sockets and through the topic only for peers on other instances.
 */
@ApplicationScoped
public class Signaling implements RelayBus.Listener {

    private static final Logger LOG = Logger.getLogger(Signaling.class);
    private static final CloseReason RATE_LIMITED = new CloseReason(1008, "rate limit exceeded");
    private static final CloseReason IDLE = new CloseReason(1008, "no message or pong within the idle timeout");
    private static final CloseReason TOO_BIG = new CloseReason(1009, "message larger than 64 KiB");
    private static final CloseReason INSTANCE_DROPPED = new CloseReason(1012, "rejoin: this instance was dropped");

    private final String instanceId;
    private final Rooms rooms;
    private final RelayBus bus;
    private final EventPublisher events;
    private final JoinTicketVerifier tickets;
    private final SignalingConfig config;
    private final ObjectMapper mapper;
    private final Map<String, PeerConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, PeerConnection> byPeer = new ConcurrentHashMap<>();
    private final Counter relayed;

    // touched by the relay thread only
    private final InstanceWatch watch;
    private long nextHeartbeat;
    /** System.nanoTime() after which the other instances have announced their members to us. */
    private volatile long syncedAfter = Long.MAX_VALUE;
    private long nextSweep;

    Signaling(SignalingConfig config, RelayBus bus, EventPublisher events, JoinTicketVerifier tickets,
            ObjectMapper mapper, MeterRegistry metrics) {
        this.config = config;
        this.bus = bus;
        this.events = events;
        this.tickets = tickets;
        this.mapper = mapper;
        this.instanceId = config.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        this.rooms = new Rooms(config.waitingRoom().enabled());
        this.watch = new InstanceWatch(instanceId, config.relay().heartbeatInterval(), config.relay().instanceTimeout());
        Gauge.builder("signaling.connections", byConnection, Map::size)
                .description("open WebSocket connections on this instance").register(metrics);
        Gauge.builder("signaling.peers", byPeer, Map::size)
                .description("sockets of this instance that are in a room (admitted, waiting or joining)")
                .register(metrics);
        Gauge.builder("signaling.rooms.active", rooms, Rooms::activeRooms)
                .description("rooms with a member, as this instance knows them (every instance knows every room)")
                .register(metrics);
        this.relayed = Counter.builder("signaling.messages.relayed")
                .description("offers, answers, candidates and chat messages delivered or forwarded").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("signaling instance %s", instanceId);
        bus.start(instanceId, this);
    }

    void stop(@Observes ShutdownEvent event) {
        bus.stop();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Reads the relay and knows the rooms that existed before it started: it can place peers in rooms. */
    public boolean isReady() {
        return bus.isReady() && System.nanoTime() - syncedAfter >= 0;
    }

    // ---- socket side (event loop or worker threads) ----

    void opened(WebSocketConnection connection) {
        long now = System.nanoTime();
        byConnection.put(connection.id(), new PeerConnection(connection,
                connection.userData().get(ConnectUpgradeCheck.USER_ID),
                connection.userData().get(ConnectUpgradeCheck.ROLE),
                connection.userData().get(ConnectUpgradeCheck.CLIENT_IP),
                new TokenBucket(config.rate().messagesPerSecond(), config.rate().burst(), now), now));
    }

    void heard(WebSocketConnection connection) {
        PeerConnection peer = byConnection.get(connection.id());
        if (peer != null) {
            peer.lastHeardNanos = System.nanoTime();
        }
    }

    void closed(WebSocketConnection connection) {
        PeerConnection peer = byConnection.remove(connection.id());
        if (peer != null) {
            leave(peer, LeaveReason.DISCONNECTED);
        }
    }

    /** Failures of the socket itself (not of our handling, which never throws). */
    Uni<Void> failed(WebSocketConnection connection, Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        if (text.contains("max message size") || text.contains("Max frame length")) {
            return connection.close(TOO_BIG);
        }
        LOG.warnf("closing connection after %s", failure.toString());
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }

    Uni<Void> received(WebSocketConnection connection, String text) {
        PeerConnection peer = byConnection.get(connection.id());
        if (peer == null) {
            return Uni.createFrom().voidItem();
        }
        long now = System.nanoTime();
        peer.lastHeardNanos = now;
        if (!peer.bucket.tryTake(now)) {
            return connection.sendText(ServerMessages.error("rate-limited", "Too many messages.").toString())
                    .onItemOrFailure().transformToUni((ok, failure) -> connection.close(RATE_LIMITED));
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return error(peer, "bad-message", "The message is not valid JSON.");
        }
        if (message == null || !message.isObject()) {
            return error(peer, "bad-message", "A message must be a JSON object with a type.");
        }
        String type = message.path("type").asText("");
        switch (type) {
            case "join-room":
                return join(peer, message);
            case "offer":
            case "answer":
                return relay(peer, type, message, "sdp");
            case "ice-candidate":
                return relay(peer, type, message, "candidate");
            case "chat":
                return chat(peer, message);
            case "admit":
                return admit(peer, message);
            case "leave-room":
                if (peer.peerId == null) {
                    return error(peer, "not-in-room", "You are not in a room.");
                }
                leave(peer, LeaveReason.LEFT);
                return Uni.createFrom().voidItem();
            default:
                return error(peer, "bad-message", "Unknown message type.");
        }
    }

    private Uni<Void> join(PeerConnection peer, JsonNode message) {
        JsonNode ticket = message.get("ticket");
        if (ticket == null || !ticket.isTextual()) {
            return error(peer, "bad-message", "join-room needs a ticket.");
        }
        if (!isReady()) {
            return error(peer, "unavailable", "Signaling is not ready yet; try again.");
        }
        // the first verification may fetch the JWKS over HTTP: keep it off the event loop
        return Uni.createFrom().item(() -> verified(peer, ticket.asText()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().ifNotNull().invoke(verified -> enter(peer, verified))
                .onFailure().invoke(e -> LOG.error("join failed", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The ticket's claims, or null after telling the peer (and the audit log) why not. */
    private JoinTicket verified(PeerConnection peer, String ticket) {
        try {
            return tickets.verify(ticket, peer.userId);
        } catch (InvalidTicketException e) {
            refuse(peer, e.code(), e.getMessage());
            return null;
        }
    }

    private void refuse(PeerConnection peer, String code, String reason) {
        events.accessDecision(null, peer.userId, peer.role, "signaling.join", "room:unknown", false, reason,
                peer.clientIp);
        peer.send(ServerMessages.error(code, reason).toString());
    }

    private void enter(PeerConnection peer, JoinTicket ticket) {
        if (peer.connection.isClosed()) {
            return; // closed while its ticket was verified: entering it would show a peer that is gone
        }
        if (!ticket.role().wireName().equals(peer.role)) {
            refuse(peer, InvalidTicketException.INVALID_TICKET,
                    "The join ticket is for another role than your access token.");
            return;
        }
        String previous = peer.peerId;
        String previousRoom = peer.roomId;
        if (previous != null) {
            byPeer.remove(previous);
            if (!ticket.roomId().equals(previousRoom)) {
                publish(new RoomCommand.Leave(previousRoom, previous, LeaveReason.LEFT), () -> {
                });
            } // same room: the join replaces the old entry (same user)
        }
        Participant participant = new Participant(UUID.randomUUID().toString(), peer.userId, ticket.name(),
                ticket.role(), ticket.roomId(), ticket.sessionId(), instanceId);
        int capacity = ticket.groupSession() ? Math.min(6, config.room().groupSize()) : 2;
        peer.peerId = participant.peerId();
        peer.roomId = participant.roomId();
        byPeer.put(participant.peerId(), peer);
        publish(new RoomCommand.Join(participant, capacity, ticket.ticketId(), ticket.expiresAt()), () -> {
            detach(peer, participant.peerId());
            peer.send(ServerMessages.error("unavailable", "Could not join now; try again.").toString());
        });
        if (byConnection.get(peer.connection.id()) != peer) {
            // closed() ran between the check above and peerId being set, so it saw no peer to remove
            leave(peer, LeaveReason.DISCONNECTED);
        }
    }

    private Uni<Void> relay(PeerConnection peer, String type, JsonNode message, String field) {
        JsonNode to = message.get("to");
        if (to == null || !to.isTextual() || !message.has(field)) {
            return error(peer, "bad-message", type + " needs to and " + field + ".");
        }
        Member sender = rooms.member(peer.peerId);
        if (sender == null || !sender.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        Member target = rooms.member(to.asText());
        if (target == null || !target.admitted()
                || !target.participant().roomId().equals(sender.participant().roomId())) {
            return denied(peer, sender.participant(), "signaling.relay", "peer:" + to.asText(), "not-in-room",
                    "That peer is not in your room.");
        }
        ObjectNode out = ServerMessages.of(type).put("from", sender.participant().peerId());
        out.set(field, message.get(field));
        deliver(target.participant(), out.toString());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> chat(PeerConnection peer, JsonNode message) {
        JsonNode text = message.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()
                || text.asText().length() > config.chatMaxLength()) {
            return error(peer, "bad-message", "chat needs a text of 1 to " + config.chatMaxLength() + " characters.");
        }
        Member sender = rooms.member(peer.peerId);
        if (sender == null || !sender.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        Participant from = sender.participant();
        String out = ServerMessages.of("chat").put("from", from.peerId()).put("userId", from.userId())
                .put("name", from.name()).put("text", text.asText()).put("at", Instant.now().toString()).toString();
        boolean elsewhere = false;
        relayed.increment();
        for (Participant member : rooms.admitted(from.roomId())) {
            if (member.instanceId().equals(instanceId)) {
                sendLocal(member.peerId(), out);
            } else {
                elsewhere = true;
            }
        }
        if (elsewhere) {
            bus.publish(from.roomId(), new RelayMessage.ToRoom(instanceId, from.roomId(), out), this::relayFailed);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> admit(PeerConnection peer, JsonNode message) {
        JsonNode target = message.get("peerId");
        if (target == null || !target.isTextual()) {
            return error(peer, "bad-message", "admit needs a peerId.");
        }
        Member by = rooms.member(peer.peerId);
        if (by == null || !by.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        if (!"psychologist".equals(by.participant().role().wireName())) {
            return denied(peer, by.participant(), "signaling.admit", "peer:" + target.asText(), "not-allowed",
                    "Only the psychologist can admit participants.");
        }
        publish(new RoomCommand.Admit(by.participant().roomId(), by.participant().peerId(), target.asText()),
                () -> peer.send(ServerMessages.error("unavailable", "Could not admit now; try again.").toString()));
        return Uni.createFrom().voidItem();
    }

    /** Drops this instance's members of {@code sessionId}'s room, each told why with an {@code error}. */
    public void endCalls(String sessionId, String code, String text) {
        for (Member member : rooms.membersHeldBy(instanceId)) {
            PeerConnection peer = byPeer.get(member.participant().peerId());
            if (peer != null && member.participant().sessionId().equals(sessionId)) {
                peer.send(ServerMessages.error(code, text).toString());
                leave(peer, LeaveReason.SESSION_ENDED);
            }
        }
    }

    /** The sessions of the rooms this instance's sockets are in. */
    public Set<String> sessionsInCall() {
        return rooms.membersHeldBy(instanceId).stream().map(m -> m.participant().sessionId()).collect(toSet());
    }

    private void leave(PeerConnection peer, LeaveReason reason) {
        String peerId = peer.peerId;
        String roomId = peer.roomId;
        if (peerId == null) {
            return;
        }
        detach(peer, peerId);
        publish(new RoomCommand.Leave(roomId, peerId, reason), () -> {
        });
    }

    private void detach(PeerConnection peer, String peerId) {
        byPeer.remove(peerId, peer);
        if (peerId.equals(peer.peerId)) {
            peer.peerId = null;
            peer.roomId = null;
        }
    }

    private void deliver(Participant to, String text) {
        relayed.increment();
        if (to.instanceId().equals(instanceId)) {
            sendLocal(to.peerId(), text);
        } else {
            bus.publish(to.roomId(), new RelayMessage.ToPeer(instanceId, to.instanceId(), to.peerId(), text),
                    this::relayFailed);
        }
    }

    private void sendLocal(String peerId, String text) {
        PeerConnection target = byPeer.get(peerId);
        if (target != null) {
            target.send(text);
        }
    }

    private void publish(RoomCommand command, Runnable onFailure) {
        bus.publish(command.roomId(), new RelayMessage.Command(instanceId, command), failure -> {
            LOG.warnf("room command not published: %s", failure.toString());
            onFailure.run();
        });
    }

    private void relayFailed(Exception failure) {
        LOG.debugf("relayed message lost: %s", failure.toString());
    }

    /** A refused attempt to reach beyond one's own room or role: answered and audited. */
    private Uni<Void> denied(PeerConnection peer, Participant actor, String action, String resource, String code,
            String text) {
        events.accessDecision(actor.sessionId(), actor.userId(), actor.role().wireName(), action, resource, false,
                text, peer.clientIp);
        return error(peer, code, text);
    }

    private static Uni<Void> error(PeerConnection peer, String code, String text) {
        peer.send(ServerMessages.error(code, text).toString());
        return Uni.createFrom().voidItem();
    }

    // ---- relay side (relay thread only) ----

    @Override
    public void onReady() {
        // the others answer at once; one heartbeat interval is ample for their Present records to arrive
        syncedAfter = System.nanoTime() + config.relay().heartbeatInterval().toNanos();
        bus.publish(instanceId, new RelayMessage.Hello(instanceId), this::relayFailed);
    }

    @Override
    public void onMessage(RelayMessage message) {
        watch.heard(message, System.nanoTime());
        if (message instanceof RelayMessage.Command command) {
            dispatch(rooms.apply(command.command()));
        } else if (message instanceof RelayMessage.ToPeer toPeer) {
            if (toPeer.instanceId().equals(instanceId)) {
                sendLocal(toPeer.peerId(), toPeer.text());
            }
        } else if (message instanceof RelayMessage.ToRoom toRoom) {
            if (!toRoom.origin().equals(instanceId)) {
                rooms.admitted(toRoom.roomId()).stream().filter(p -> p.instanceId().equals(instanceId))
                        .forEach(p -> sendLocal(p.peerId(), toRoom.text()));
            }
        } else if (message instanceof RelayMessage.UsedTickets used && !used.origin().equals(instanceId)) {
            rooms.rememberUsedTickets(used.tickets());
        } else if (message instanceof RelayMessage.Hello hello && !hello.origin().equals(instanceId)) {
            bus.publish(instanceId, new RelayMessage.UsedTickets(instanceId, rooms.usedTickets()), this::relayFailed);
            for (Member member : rooms.membersHeldBy(instanceId)) {
                Participant p = member.participant();
                publish(new RoomCommand.Present(p, member.admitted(), rooms.capacity(p.roomId())), () -> {
                });
            }
        }
    }

    private void dispatch(Outcome outcome) {
        for (Outcome.Delivery delivery : outcome.deliveries()) {
            if (delivery.to().instanceId().equals(instanceId)) {
                sendLocal(delivery.to().peerId(), delivery.message().toString());
            }
        }
        Outcome.JoinDecision decision = outcome.joinDecision();
        if (decision != null && decision.participant().instanceId().equals(instanceId)) {
            Participant p = decision.participant();
            PeerConnection peer = byPeer.get(p.peerId());
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
                PeerConnection peer = byPeer.get(p.peerId());
                if (peer != null) {
                    detach(peer, p.peerId());
                    if (outcome.left().stream().anyMatch(l -> l.participant().equals(p)
                            && l.reason() == LeaveReason.INSTANCE_LOST)) {
                        // the others took this instance for dead: make the client reconnect and rejoin
                        peer.connection.close(INSTANCE_DROPPED).subscribe().with(ok -> {
                        }, failure -> {
                        });
                    }
                }
            }
        }
    }

    @Override
    public void onTick() {
        long now = System.nanoTime();
        if (now >= nextHeartbeat) {
            bus.publish(instanceId, new RelayMessage.Heartbeat(instanceId), this::relayFailed);
            nextHeartbeat = now + config.relay().heartbeatInterval().toNanos();
            if (watch.relayWorks(now)) {
                leaveForGoneSockets();
            }
        }
        if (now >= nextSweep) {
            // twice a second is plenty against a 6 s timeout, and spares the room lock
            if (watch.relayWorks(now)) {
                removeSilentInstances(now);
            }
            closeIdleConnections(now);
            nextSweep = now + 500_000_000L;
        }
    }

    /** Leaves that could not be published (Kafka was away) are published again, so no ghost stays. */
    private void leaveForGoneSockets() {
        for (Member member : rooms.membersHeldBy(instanceId)) {
            Participant p = member.participant();
            if (!byPeer.containsKey(p.peerId())) {
                publish(new RoomCommand.Leave(p.roomId(), p.peerId(), LeaveReason.DISCONNECTED), () -> {
                });
            }
        }
    }

    private void removeSilentInstances(long now) {
        for (String other : watch.newlySilent(rooms.otherInstances(instanceId), now)) {
            LOG.warnf("instance %s silent for over %s: removing its members", other, config.relay().instanceTimeout());
            Set<String> roomIds = new HashSet<>();
            rooms.membersHeldBy(other).forEach(m -> roomIds.add(m.participant().roomId()));
            roomIds.forEach(roomId -> publish(new RoomCommand.InstanceLost(roomId, other, instanceId), () -> {
            }));
        }
    }

    private void closeIdleConnections(long now) {
        long timeout = config.idleTimeout().toNanos();
        for (PeerConnection peer : byConnection.values()) {
            if (now - peer.lastHeardNanos > timeout) {
                peer.connection.close(IDLE).subscribe().with(ok -> {
                }, failure -> {
                });
            }
        }
    }
}
