package com.smilingsteps.signaling.socket;

import static java.util.stream.Collectors.toSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smilingsteps.kit.auth.RevokedAccess;
import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.events.EventPublisher;
import com.smilingsteps.signaling.relay.RelayBus;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Member;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;
import com.smilingsteps.signaling.room.Rooms;
import com.smilingsteps.signaling.room.ServerMessages;
import com.smilingsteps.signaling.ticket.InvalidTicketException;
import com.smilingsteps.signaling.ticket.JoinTicket;
import com.smilingsteps.signaling.ticket.JoinTicketVerifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What the messages of this instance's sockets do. Membership changes go through {@link Membership}
 * (the relay topic, or applied at once when this instance is alone); offers, answers, candidates
 * and chat go straight to local sockets ({@link LocalPeers}), through the topic only for peers on
 * other instances.
 */
@ApplicationScoped
public class Signaling {

    private static final Logger LOG = Logger.getLogger(Signaling.class);
    private static final CloseReason RATE_LIMITED = new CloseReason(1008, "rate limit exceeded");
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final String instanceId;
    private final Rooms rooms;
    private final RelayBus bus;
    private final RelayPublisher relay;
    private final RelayListener relayListener;
    private final Membership membership;
    private final LocalPeers peers = new LocalPeers();
    private final EventPublisher events;
    private final JoinTicketVerifier tickets;
    private final SignalingConfig config;
    private final Counter relayed;
    private final Departures departures;
    private final RevokedSockets revokedSockets;

    Signaling(SignalingConfig config, RelayBus bus, EventPublisher events, JoinTicketVerifier tickets,
            MeterRegistry metrics, RevokedAccess revokedAccess) {
        this.config = config;
        this.bus = bus;
        this.events = events;
        this.tickets = tickets;
        this.instanceId = config.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        this.rooms = new Rooms(config.waitingRoom().enabled());
        this.relay = new RelayPublisher(instanceId, bus);
        this.membership = new Membership(instanceId, rooms, peers, relay, events, config.relay().localWhenAlone(),
                config.relay().instanceTimeout(), System::nanoTime, metrics);
        this.departures = new Departures(instanceId, rooms, peers, membership);
        this.revokedSockets = new RevokedSockets(revokedAccess, peers, departures, events);
        this.relayListener = new RelayListener(instanceId, rooms, peers, relay, membership, config, System::nanoTime);
        peers.registerGauges(metrics);
        this.relayed = Counter.builder("signaling.messages.relayed")
                .description("offers, answers, candidates and chat messages delivered or forwarded").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("signaling instance %s", instanceId);
        bus.start(instanceId, relayListener);
    }

    /**
     * The first step of a graceful stop (SIGTERM), before the HTTP server closes the sockets
     * ({@code quarkus.shutdown.delay-enabled}). Were the sockets closed first, each close would
     * be an ordinary disconnect, and the partner still connected would close its link and lose
     * the call's media although only the signaling instance went away.
     */
    void beginStop(@Observes ShutdownDelayInitiatedEvent event) {
        departures.leaveRoomsOnStop();
    }

    void stop(@Observes ShutdownEvent event) {
        // again: a join that landed after the first step (its socket still open) must leave too
        departures.leaveRoomsOnStop();
        membership.stop(Duration.ofSeconds(1));
        bus.stop();
    }

    /** This instance's peers leave their rooms as from a lost instance; see {@link Departures#leaveRooms}. */
    void leaveRooms(Duration wait) {
        departures.leaveRooms(wait);
    }

    public String instanceId() {
        return instanceId;
    }

    /** Reads the relay and knows the rooms that existed before it started: it can place peers in rooms. */
    public boolean isReady() {
        return bus.isReady() && relayListener.synced();
    }

    // ---- socket side (event loop or worker threads) ----

    void opened(WebSocketConnection connection) {
        long now = System.nanoTime();
        PeerConnection peer = PeerConnection.opened(connection,
                new TokenBucket(config.rate().messagesPerSecond(), config.rate().burst(), now), now);
        peers.opened(peer);
        revokedSockets.endIfVoided(peer); // revoked between its upgrade check and now
    }

    void heard(WebSocketConnection connection) {
        PeerConnection peer = peers.of(connection);
        if (peer != null) {
            peer.lastHeardNanos = System.nanoTime();
        }
    }

    void closed(WebSocketConnection connection) {
        PeerConnection peer = peers.closed(connection);
        if (peer != null) {
            departures.closed(peer);
        }
    }

    /** Failures of the socket itself (not of our handling, which never throws). */
    Uni<Void> received(WebSocketConnection connection, String text) {
        PeerConnection peer = peers.of(connection);
        if (peer == null) {
            return DONE;
        }
        long now = System.nanoTime();
        peer.lastHeardNanos = now;
        if (!peer.bucket.tryTake(now)) {
            return connection.sendText(ServerMessages.error("rate-limited", "Too many messages.").toString())
                    .onItemOrFailure().transformToUni((ok, failure) -> connection.close(RATE_LIMITED));
        }
        ClientMessage message = ClientMessage.decode(text);
        if (message instanceof ClientMessage.Relay relayed) {
            return relay(peer, relayed);
        } else if (message instanceof ClientMessage.JoinRoom join) {
            return join(peer, join.ticket());
        } else if (message instanceof ClientMessage.Chat chat) {
            return chat(peer, chat.text());
        } else if (message instanceof ClientMessage.Admit admit) {
            return admit(peer, admit.peerId());
        } else if (message instanceof ClientMessage.LeaveRoom) {
            if (peer.peerId == null) {
                return error(peer, "not-in-room", "You are not in a room.");
            }
            leave(peer, LeaveReason.LEFT);
            return DONE;
        }
        return error(peer, "bad-message", ((ClientMessage.Malformed) message).reason());
    }

    private Uni<Void> join(PeerConnection peer, String ticket) {
        if (departures.stopping()) {
            // the SPA tries again on a fresh connection, which reaches another (or the restarted) instance
            return error(peer, "unavailable", "Signaling is stopping; try again.");
        }
        if (!isReady()) {
            return error(peer, "unavailable", "Signaling is not ready yet; try again.");
        }
        // the first verification may fetch the JWKS over HTTP: keep it off the event loop
        return Uni.createFrom().item(() -> verified(peer, ticket))
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
            // closed while its ticket was verified (its close callback waits for this join to finish):
            // entering it would show a peer that is gone
            return;
        }
        if (!ticket.role().wireName().equals(peer.role)) {
            refuse(peer, InvalidTicketException.INVALID_TICKET,
                    "The join ticket is for another role than your access token.");
            return;
        }
        String previous = peer.peerId;
        String previousRoom = peer.roomId;
        if (previous != null) {
            peers.detach(peer, previous);
            if (!ticket.roomId().equals(previousRoom)) {
                membership.submit(new RoomCommand.Leave(previousRoom, previous, LeaveReason.LEFT),
                        Membership.NOTHING);
            } // same room: the join replaces the old entry (same user)
        }
        Participant participant = new Participant(UUID.randomUUID().toString(), peer.userId, ticket.name(),
                ticket.role(), ticket.roomId(), ticket.sessionId(), instanceId);
        int capacity = ticket.capacity(config.room().groupSize());
        peers.attach(peer, participant.peerId(), participant.roomId());
        membership.submit(new RoomCommand.Join(participant, capacity, ticket.ticketId(), ticket.expiresAt()), () -> {
            peers.detach(peer, participant.peerId());
            peer.send(ServerMessages.error("unavailable", "Could not join now; try again.").toString());
        });
        if (!peers.isOpen(peer)) {
            // closed() ran between the check above and peerId being set, so it saw no peer to remove
            leave(peer, LeaveReason.DISCONNECTED);
        }
        revokedSockets.endIfVoided(peer); // revoked while its ticket was verified
    }

    private Uni<Void> relay(PeerConnection peer, ClientMessage.Relay message) {
        Member sender = rooms.member(peer.peerId);
        if (sender == null || !sender.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        Member target = rooms.member(message.to());
        if (target == null || !target.admitted()
                || !target.participant().roomId().equals(sender.participant().roomId())) {
            return denied(peer, sender.participant(), "signaling.relay", "peer:" + message.to(), "not-in-room",
                    "That peer is not in your room.");
        }
        // the payload is forwarded as the JSON text it came as; type and the server's peerIds need no escaping
        String out = "{\"type\":\"" + message.type() + "\",\"from\":\"" + sender.participant().peerId() + "\",\""
                + message.field() + "\":" + message.payload() + "}";
        deliver(target.participant(), out);
        return DONE;
    }

    private Uni<Void> chat(PeerConnection peer, String text) {
        if (text == null || text.isBlank() || text.length() > config.chatMaxLength()) {
            return error(peer, "bad-message", "chat needs a text of 1 to " + config.chatMaxLength() + " characters.");
        }
        Member sender = rooms.member(peer.peerId);
        if (sender == null || !sender.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        Participant from = sender.participant();
        String out = ServerMessages.of("chat").put("from", from.peerId()).put("userId", from.userId())
                .put("name", from.name()).put("text", text).put("at", Instant.now().toString()).toString();
        boolean elsewhere = false;
        relayed.increment();
        for (Participant member : rooms.admitted(from.roomId())) {
            if (member.instanceId().equals(instanceId)) {
                peers.send(member.peerId(), out);
            } else {
                elsewhere = true;
            }
        }
        if (elsewhere) {
            relay.toRoom(from.roomId(), out);
        }
        return DONE;
    }

    private Uni<Void> admit(PeerConnection peer, String target) {
        Member by = rooms.member(peer.peerId);
        if (by == null || !by.admitted()) {
            return error(peer, "not-in-room", "Join a room first.");
        }
        if (!"psychologist".equals(by.participant().role().wireName())) {
            return denied(peer, by.participant(), "signaling.admit", "peer:" + target, "not-allowed",
                    "Only the psychologist can admit participants.");
        }
        membership.submit(new RoomCommand.Admit(by.participant().roomId(), by.participant().peerId(), target),
                () -> peer.send(ServerMessages.error("unavailable", "Could not admit now; try again.").toString()));
        return DONE;
    }

    /** Drops this instance's members of {@code sessionId}'s room, each told why with an {@code error}. */
    public void endCalls(String sessionId, String code, String text) {
        departures.endCalls(sessionId, participant -> true, code, text);
    }

    /** Drops {@code userId}'s entries (waiting or admitted) in {@code sessionId}'s room held here, told why. */
    public void endCallOf(String sessionId, String userId, String code, String text) {
        departures.endCalls(sessionId, participant -> participant.userId().equals(userId), code, text);
    }

    /** Ends this instance's sockets of {@code userId} that a revocation voids ({@link RevokedSockets}). */
    public void revokeAccessOf(String userId) {
        revokedSockets.endOf(userId);
    }

    /** The sessions of the rooms this instance's sockets are in. */
    public Set<String> sessionsInCall() {
        return rooms.membersHeldBy(instanceId).stream().map(m -> m.participant().sessionId()).collect(toSet());
    }

    private void leave(PeerConnection peer, LeaveReason reason) {
        departures.leave(peer, reason);
    }

    private void deliver(Participant to, String text) {
        relayed.increment();
        if (to.instanceId().equals(instanceId)) {
            peers.send(to.peerId(), text);
        } else {
            relay.toPeer(to, text);
        }
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
        return DONE;
    }
}
