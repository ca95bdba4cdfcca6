package com.smilingsteps.session.videocall.instances;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.CallEventsFeed;
import com.smilingsteps.session.support.SessionEventsTap;
import com.smilingsteps.session.support.SignalingInstancesFeed;
import com.smilingsteps.session.videocall.CallLifecycleJob;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The only signaling instance dies (SIGKILL) with both sides in the room and nobody rejoins: no
 * instance is left to report its peers lost, so session-service goes by the instance's silence on
 * {@code signaling-instances} (real broker and MongoDB-wire server; the test profile shortens
 * {@code call.instance-timeout} to 3 s and the abandon delay to 2 s, and the tests run the sweeps
 * as two replicas would).
 */
@QuarkusTest
@ServiceTest
class SilentSignalingInstanceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    LostPeers lostPeers;

    @Inject
    InstanceListener listener;

    @Inject
    CallLifecycleJob job;

    @Test
    void theOnlyInstanceFallsSilentSoTheCallCompletesOnceLastingUntilItsLastRecord() throws Exception {
        String instance = "signaling-" + UUID.randomUUID();
        Instant started = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Instant lastRecord = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant firstJoin = lastRecord.minus(45, ChronoUnit.MINUTES);
        SignalingInstancesFeed.alive(instance, started, firstJoin.minusSeconds(5));
        CallEventsFeed.joinedOn(instance, id, psychologist, "psychologist", "peer-p1", firstJoin);
        CallEventsFeed.joinedOn(instance, id, client, "client", "peer-c1", firstJoin.plusSeconds(60));
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200);
        SignalingInstance heard = SignalingInstancesFeed.alive(instance, started, lastRecord);

        lostPeers.markLeft(Instant.now());
        assertEquals(List.of("peer-p1", "peer-c1"), session(id).attendance.present, "heard within the timeout");

        // then it was killed: nothing more from it
        awaitJudgeable(heard.lastHeardAt);
        assertTrue(asTwoReplicas(() -> lostPeers.markLeft(Instant.now())) >= 2, "both peers");
        Session afterwards = session(id);
        assertEquals(List.of(), afterwards.attendance.present);
        assertEquals(lastRecord, afterwards.attendance.emptySince);
        assertEquals(lastRecord, afterwards.attendance.lastLeaveAt);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastRecord.plusSeconds(2)).toMillis()) + 100);
        assertTrue(asTwoReplicas(() -> job.completeAbandoned(Instant.now())) >= 1);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Completed"))
                .body("endedBy", is("system")).body("callDuration", is(45))
                .body("videoCallEnded", is(lastRecord.toString()));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "CallEnded"), "one transition, one event");
        var ended = events.stream().filter(e -> "CallEnded".equals(e.type())).findFirst().orElseThrow();
        Contracts.assertValid("session-events", ended.json());
        assertEquals(45, ended.node().path("payload").path("durationMinutes").asInt());
        given().get("/q/metrics").then().body(containsString("video_call_peers_lost_total"));
    }

    @Test
    void aBeatingInstanceKeepsItsPeersAPeerRejoinedThereStaysAndAnUnheardInstanceJudgesNobody() throws Exception {
        String dying = "signaling-" + UUID.randomUUID();
        String beating = "signaling-" + UUID.randomUUID();
        String unheard = "signaling-" + UUID.randomUUID();
        Instant started = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant joined = Instant.now().minus(20, ChronoUnit.MINUTES);
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String kept = Api.paidSessionStartingSoon(client, psychologist);
        String moved = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(5, ChronoUnit.HOURS));
        String older = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(10, ChronoUnit.HOURS));
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try {
            // faster than the listener's fetch waits (500 ms), as the records of many instances would come:
            // the topic never rests, so the listener must catch up with ends that keep moving
            beats.scheduleAtFixedRate(() -> SignalingInstancesFeed.alive(beating, started, Instant.now()), 0, 200,
                    TimeUnit.MILLISECONDS);
            SignalingInstance lastOfDying = SignalingInstancesFeed.alive(dying, started, Instant.now());
            // both on the instance that keeps beating
            CallEventsFeed.joinedOn(beating, kept, psychologist, "psychologist", "peer-p", joined);
            CallEventsFeed.joinedOn(beating, kept, client, "client", "peer-c", joined.plusSeconds(5));
            // the psychologist stays on the instance that dies; the client rejoined on the beating one
            CallEventsFeed.joinedOn(dying, moved, psychologist, "psychologist", "peer-p", joined);
            CallEventsFeed.joinedOn(dying, moved, client, "client", "peer-c1", joined.plusSeconds(5));
            CallEventsFeed.joinedOn(beating, moved, client, "client", "peer-c2", joined.plusSeconds(300));
            // a peer on an instance never heard of (a signaling-service older than these records)
            CallEventsFeed.joinedOn(unheard, older, client, "client", "peer-c", joined);

            awaitJudgeable(lastOfDying.lastHeardAt);
            assertTrue(lostPeers.markLeft(Instant.now()) >= 1, "the psychologist's peer on the silent instance");
            assertEquals(List.of("peer-p", "peer-c"), session(kept).attendance.present);
        } finally {
            beats.shutdownNow();
        }
        Session afterwards = session(moved);
        assertEquals(List.of("peer-c2"), afterwards.attendance.present, "the client's peer on the beating instance");
        assertNull(afterwards.attendance.emptySince, "somebody is still there");
        assertEquals(List.of("peer-c"), session(older).attendance.present);
    }

    @Test
    void aStoppedInstancesPeersLeaveAtItsStopAndAReusedIdsEarlierRunsPeersAtItsRestart() {
        String stopping = "signaling-" + UUID.randomUUID();
        String reused = "signaling-" + UUID.randomUUID();
        Instant started = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant joined = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String onStopped = Api.paidSessionStartingSoon(client, psychologist);
        String onReused = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(5, ChronoUnit.HOURS));
        SignalingInstancesFeed.alive(stopping, started, joined.minusSeconds(1));
        SignalingInstancesFeed.alive(reused, started, joined.minusSeconds(1));
        CallEventsFeed.joinedOn(stopping, onStopped, psychologist, "psychologist", "peer-p", joined);
        CallEventsFeed.joinedOn(reused, onReused, psychologist, "psychologist", "peer-p", joined);

        // a stop whose peers' leaves did not arrive (its wait for them ran out): no timeout to wait for
        Instant stoppedAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        SignalingInstancesFeed.stopped(stopping, started, stoppedAt);
        // the same id started again (SIGNALING_INSTANCE_ID), and beats: its earlier run's peers are gone
        Instant restarted = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        SignalingInstancesFeed.alive(reused, restarted, Instant.now());
        CallEventsFeed.joinedOn(reused, onReused, client, "client", "peer-c", restarted.plusSeconds(2));

        lostPeers.markLeft(Instant.now());
        Session stopped = session(onStopped);
        assertEquals(List.of(), stopped.attendance.present);
        assertEquals(stoppedAt, stopped.attendance.emptySince);
        Session afterRestart = session(onReused);
        assertEquals(List.of("peer-c"), afterRestart.attendance.present, "the client joined the new run");
        assertEquals(restarted, afterRestart.attendance.lastLeaveAt, "the earlier run ended before the restart");
    }

    /** Waits until this replica has read every record up to a timeout past {@code lastHeard}. */
    private void awaitJudgeable(Instant lastHeard) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (listener.caughtUpAt() == null || !listener.caughtUpAt().minus(TIMEOUT).isAfter(lastHeard)
                || listener.caughtUpAt().minus(TIMEOUT).isBefore(listener.listeningSince())) {
            assertTrue(Instant.now().isBefore(deadline), "the listener caught up within 30 s");
            Thread.sleep(100);
        }
    }

    private static int asTwoReplicas(Callable<Integer> sweep) throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            int total = 0;
            List<Callable<Integer>> replicas = new ArrayList<>(List.of(sweep, sweep));
            for (var result : pool.invokeAll(replicas)) {
                total += result.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static Session session(String id) {
        Session session = Session.findById(new ObjectId(id));
        assertTrue(session != null && session.attendance != null, "attendance recorded for " + id);
        return session;
    }
}
