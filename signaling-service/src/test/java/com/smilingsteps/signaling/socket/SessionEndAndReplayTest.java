package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.groupTicket;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.SessionEventsFeed;
import com.smilingsteps.signaling.support.Tickets;
import com.smilingsteps.signaling.support.SignalingClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12 item 10: a join ticket replayed, and a call that goes on after its session was
 * cancelled or its window closed. (A replay at another instance: TwoInstancesIT.)
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class SessionEndAndReplayTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

    URI ws;
    String room;
    String session;
    String client;
    String psychologist;

    @BeforeEach
    void setUp() {
        Readiness.await();
        ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        room = "room-" + UUID.randomUUID();
        session = "session-" + room; // as Tickets names it
        client = "client-" + UUID.randomUUID();
        psychologist = "psy-" + UUID.randomUUID();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "session-events", 1));
    }

    private SignalingClient connect(String userId, String role) {
        return SignalingClient.connect(ws, TestJwt.accessToken(userId, role));
    }

    @Test
    void aJoinTicketLetsInOnceAndItsReplayIsRefusedAndAudited() throws Exception {
        String used = ticket(psychologist, "psychologist", room);
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient psy = connect(psychologist, "psychologist");
                SignalingClient replayer = connect(psychologist, "psychologist")) {
            psy.send("join-room", "ticket", used);
            psy.await("existing-participants");

            replayer.send("join-room", "ticket", used);
            assertTrue(replayer.awaitError("invalid-ticket").path("message").asText().contains("used already"));
            psy.assertNothing("error", Duration.ofMillis(500)); // the replay did not replace the real entry
            audit.await(EventTap.payload(Map.of("action", "signaling.join", "outcome", "denied",
                    "actor", psychologist, "reason", "ticket used already")));

            // nor after leaving: the ticket is spent
            psy.send("leave-room");
            psy.send("join-room", "ticket", used);
            psy.awaitError("invalid-ticket");
            // a fresh ticket works
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            psy.await("existing-participants");
        }
    }

    @Test
    void aCancelledSessionDropsTheRoomWithAnErrorAndItsTicketsNoLongerJoin() throws Exception {
        try (EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events");
                SignalingClient psy = connect(psychologist, "psychologist");
                SignalingClient cli = connect(client, "client")) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            String psyPeer = psy.await("existing-participants").path("peerId").asText();
            cli.send("join-room", "ticket", ticket(client, "client", room));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            psy.send("admit", "peerId", cliPeer);
            cli.await("existing-participants");
            String unused = ticket(client, "client", room);

            SessionEventsFeed.publish(session, SessionEvent.CANCELLED, "Cancelled", Instant.now().plusSeconds(600));

            assertEquals("The session is Cancelled.", psy.awaitError("session-ended").path("message").asText());
            cli.awaitError("session-ended");
            calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                    && cliPeer.equals(e.path("payload").path("peerId").asText())
                    && "session-ended".equals(e.path("payload").path("reason").asText()));
            calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                    && psyPeer.equals(e.path("payload").path("peerId").asText()));
            // they are out of the room: nothing relays any more
            psy.send("offer", "to", cliPeer, "sdp", "v=0");
            psy.awaitError("not-in-room");
            // a ticket minted before the cancellation no longer joins
            cli.send("join-room", "ticket", unused);
            cli.awaitError("session-ended");
        }
    }

    @Test
    void aTicketMintedOnALaterStateJoinsWhileSessionEventsLagAndALaterEventStillEndsTheCall() throws Exception {
        // signaling has heard the booking but not yet the payment (session-events lag behind, e.g. at start-up)
        SessionEventsFeed.publish(session, SessionEvent.BOOKED, "Pending", Instant.now().plusSeconds(600));
        try (SignalingClient psy = connect(psychologist, "psychologist")) {
            awaitRefused(psy, "The session is Pending.");
            // session-service minted this ticket on the paid session, a change later than that event
            psy.send("join-room", "ticket", Tickets.ticketOnState(psychologist, "psychologist", room, Instant.now()));
            psy.await("existing-participants");
            psy.assertNothing("error", Duration.ofMillis(2500)); // two sweeps (1 s in tests) leave it in the call
            SessionEventsFeed.publish(session, SessionEvent.CANCELLED, "Cancelled", Instant.now().plusSeconds(600));
            assertEquals("The session is Cancelled.", psy.awaitError("session-ended").path("message").asText());
        }
    }

    /** Joins with tickets that carry no session state until the published event refuses one (it is applied). */
    private void awaitRefused(SignalingClient peer, String reason) {
        long deadline = System.nanoTime() + SignalingClient.WAIT.toNanos();
        while (true) {
            peer.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            JsonNode answer = peer.awaitAny("existing-participants", "error");
            if ("error".equals(answer.path("type").asText())) {
                assertEquals(reason, answer.path("message").asText());
                return;
            }
            peer.send("leave-room");
            assertTrue(System.nanoTime() < deadline, "the event was not applied within " + SignalingClient.WAIT);
            sleep(Duration.ofMillis(200));
        }
    }

    @Test
    void aCallIsDroppedWhenItsWindowCloses() {
        // the window (120 minutes after the start) closes a few seconds from now
        SessionEventsFeed.publish(session, SessionEvent.CONFIRMED, "Confirmed",
                Instant.now().minus(Duration.ofMinutes(120)).plusSeconds(6));
        try (SignalingClient psy = connect(psychologist, "psychologist")) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            psy.await("existing-participants");
            assertTrue(psy.awaitError("session-ended").path("message").asText().contains("window has closed"));
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            psy.awaitError("session-ended");
        }
    }

    @Test
    void aCallThatStartedLateGoesOnAndTakesRejoinsPastItsWindow() {
        Instant start = Instant.now().minus(Duration.ofMinutes(130));
        SessionEventsFeed.publish(session, SessionEvent.CONFIRMED, "Confirmed", start);
        try (SignalingClient psy = connect(psychologist, "psychologist")) {
            // known as Confirmed, 130 minutes after its start its window has closed: a join is refused at once
            // (before the event is consumed the join succeeds and the sweep drops it: then try again)
            JsonNode refused;
            do {
                psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                refused = psy.awaitAny("existing-participants", "error");
                if ("existing-participants".equals(refused.path("type").asText())) {
                    psy.awaitError("session-ended");
                }
            } while ("existing-participants".equals(refused.path("type").asText()));
            assertEquals("session-ended", refused.path("code").asText(), refused.toString());
            // it started late (at minute 100, say): In Progress, it goes on until it is ended or abandoned
            SessionEventsFeed.publish(session, SessionEvent.CALL_STARTED, "In Progress", start);
            JsonNode answer = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                answer = psy.awaitAny("existing-participants", "error");
                if ("existing-participants".equals(answer.path("type").asText())) {
                    break;
                }
                assertEquals("session-ended", answer.path("code").asText(), answer.toString());
                sleep(Duration.ofMillis(500));
            }
            assertEquals("existing-participants", answer.path("type").asText(), "a rejoin past the window: " + answer);
            // the sweep (every second in tests) leaves it alone
            psy.assertNothing("error", Duration.ofSeconds(3));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aGroupClientWhoGivesUpTheirSeatIsDroppedAndTheirEarlierTicketNoLongerJoins() throws Exception {
        String other = "client-" + UUID.randomUUID();
        try (EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events");
                SignalingClient psy = connect(psychologist, "psychologist");
                SignalingClient leaving = connect(client, "client");
                SignalingClient staying = connect(other, "client")) {
            psy.send("join-room", "ticket", groupTicket(psychologist, "psychologist", room, 6));
            psy.await("existing-participants");
            for (SignalingClient cli : new SignalingClient[] { leaving, staying }) {
                cli.send("join-room", "ticket", groupTicket(cli == leaving ? client : other, "client", room, 6));
                psy.send("admit", "peerId", cli.await("waiting").path("peerId").asText());
                cli.await("existing-participants");
            }
            String issuedBefore = groupTicket(client, "client", room, 6);

            SessionEventsFeed.publishSeatGivenUp(session, client, Instant.now().plusSeconds(600), List.of(other));

            assertEquals("You gave up your seat in this group session.",
                    leaving.awaitError("session-ended").path("message").asText());
            calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                    && client.equals(e.path("payload").path("userId").asText()));
            staying.assertNothing("error", Duration.ofMillis(500));
            psy.assertNothing("error", Duration.ofMillis(100));
            // the ticket generate-room gave them before they gave the seat up lets them in no more
            leaving.send("join-room", "ticket", issuedBefore);
            leaving.awaitError("session-ended");
            // the psychologist's and the other client's tickets still join
            staying.send("join-room", "ticket", groupTicket(other, "client", room, 6));
            staying.await("existing-participants");
        }
    }
}
