package com.smilingsteps.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The room rules, applied as every instance applies them. */
class RoomsTest {

    private static final String ROOM = "room-1";

    private static Participant participant(String peerId, String userId, Role role, String instance) {
        return new Participant(peerId, userId, userId + " name", role, ROOM, "session-1", instance);
    }

    /** A join with a fresh ticket, as every join from a socket has. */
    private static RoomCommand.Join join(Participant participant, int capacity) {
        return new RoomCommand.Join(participant, capacity, "ticket-of-" + participant.peerId(),
                Instant.now().plusSeconds(300).getEpochSecond());
    }

    private static List<String> typesFor(Outcome outcome, String peerId) {
        return outcome.deliveries().stream().filter(d -> d.to().peerId().equals(peerId))
                .map(d -> d.message().path("type").asText()).toList();
    }

    @Test
    void withoutWaitingRoomClientsJoinDirectly() {
        Rooms rooms = new Rooms(false);
        rooms.apply(join(participant("c1", "client", Role.CLIENT, "i1"), 2));
        Outcome psy = rooms.apply(join(participant("p1", "psy", Role.PSYCHOLOGIST, "i1"), 2));
        assertEquals(List.of("existing-participants"), typesFor(psy, "p1"));
        assertEquals(List.of("user-joined"), typesFor(psy, "c1"));
        assertTrue(rooms.member("c1").admitted());
    }

    @Test
    void groupRoomsTakeTheirCapacityAndWaitingClientsCount() {
        Rooms rooms = new Rooms(true);
        rooms.apply(join(participant("p", "psy", Role.PSYCHOLOGIST, "i1"), 3));
        rooms.apply(join(participant("c1", "u1", Role.CLIENT, "i1"), 3));
        rooms.apply(join(participant("c2", "u2", Role.CLIENT, "i2"), 3));
        Outcome fourth = rooms.apply(join(participant("c3", "u3", Role.CLIENT, "i1"), 3));
        assertEquals(List.of("error"), typesFor(fourth, "c3"));
        assertFalse(fourth.joinDecision().allowed());
        assertNull(rooms.member("c3"));
        // one leaves: room for another
        rooms.apply(new RoomCommand.Leave(ROOM, "c1", LeaveReason.LEFT));
        Outcome retry = rooms.apply(join(participant("c4", "u3", Role.CLIENT, "i1"), 3));
        assertEquals(List.of("waiting"), typesFor(retry, "c4"));
    }

    @Test
    void aLostInstanceTakesOnlyItsOwnMembersAndTheReporterPublishes() {
        Rooms rooms = new Rooms(false);
        rooms.apply(join(participant("p", "psy", Role.PSYCHOLOGIST, "i1"), 2));
        rooms.apply(join(participant("c", "client", Role.CLIENT, "i2"), 2));
        Outcome lost = rooms.apply(new RoomCommand.InstanceLost(ROOM, "i1", "i2"));
        assertEquals(1, lost.left().size());
        assertEquals("p", lost.left().get(0).participant().peerId());
        assertEquals(LeaveReason.INSTANCE_LOST, lost.left().get(0).reason());
        assertEquals("i2", lost.left().get(0).reportedBy());
        assertEquals(List.of("user-left"), typesFor(lost, "c"));
        assertNull(rooms.member("p"));
        assertTrue(rooms.member("c").admitted());
        // a second report of the same loss changes nothing
        assertTrue(rooms.apply(new RoomCommand.InstanceLost(ROOM, "i1", "i3")).left().isEmpty());
        assertEquals(Set.of(), rooms.otherInstances("i2"));
    }

    @Test
    void membersAnnouncedByTheirOwnerAreKnownWithoutMessages() {
        Rooms rooms = new Rooms(true);
        Outcome present = rooms.apply(new RoomCommand.Present(participant("p", "psy", Role.PSYCHOLOGIST, "i1"), true, 2));
        assertTrue(present.deliveries().isEmpty());
        rooms.apply(new RoomCommand.Present(participant("c", "client", Role.CLIENT, "i1"), false, 2));
        Outcome third = rooms.apply(join(participant("x", "other", Role.CLIENT, "i2"), 2));
        assertEquals("room-full", third.deliveries().get(0).message().path("code").asText());
        Outcome admitted = rooms.apply(new RoomCommand.Admit(ROOM, "p", "c"));
        assertEquals(List.of("admitted", "existing-participants"), typesFor(admitted, "c"));
    }

    @Test
    void theLastOneLeavingClosesTheRoomAndItsAdmissions() {
        Rooms rooms = new Rooms(true);
        rooms.apply(join(participant("p", "psy", Role.PSYCHOLOGIST, "i1"), 2));
        rooms.apply(join(participant("c", "client", Role.CLIENT, "i1"), 2));
        rooms.apply(new RoomCommand.Admit(ROOM, "p", "c"));
        rooms.apply(new RoomCommand.Leave(ROOM, "c", LeaveReason.DISCONNECTED));
        // still an open room: the admitted client comes straight back
        assertEquals(List.of("existing-participants"),
                typesFor(rooms.apply(join(participant("c2", "client", Role.CLIENT, "i1"), 2)), "c2"));
        rooms.apply(new RoomCommand.Leave(ROOM, "c2", LeaveReason.LEFT));
        rooms.apply(new RoomCommand.Leave(ROOM, "p", LeaveReason.LEFT));
        assertEquals(0, rooms.capacity(ROOM));
        assertEquals(List.of("waiting"),
                typesFor(rooms.apply(join(participant("c3", "client", Role.CLIENT, "i1"), 2)), "c3"));
    }

    @Test
    void aTicketLetsInOnceAndAReplayChangesNothing() {
        Rooms rooms = new Rooms(true);
        long expiresAt = Instant.now().plusSeconds(300).getEpochSecond();
        Outcome first = rooms.apply(new RoomCommand.Join(participant("p1", "psy", Role.PSYCHOLOGIST, "i1"), 2, "jti-1",
                expiresAt));
        assertTrue(first.joinDecision().allowed());
        // the same ticket again, from another socket (or another instance): refused, and the first entry stays
        Outcome replay = rooms.apply(new RoomCommand.Join(participant("p2", "psy", Role.PSYCHOLOGIST, "i2"), 2, "jti-1",
                expiresAt));
        assertFalse(replay.joinDecision().allowed());
        assertEquals("ticket used already", replay.joinDecision().reason());
        assertEquals(List.of("error"), typesFor(replay, "p2"));
        assertEquals("invalid-ticket", replay.deliveries().get(0).message().path("code").asText());
        assertTrue(replay.left().isEmpty());
        assertTrue(rooms.member("p1").admitted());
        assertNull(rooms.member("p2"));
    }

    @Test
    void anInstanceStartedLaterLearnsTheUsedTicketsAndTheyAreForgottenLongAfterExpiry() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        Rooms early = new Rooms(true, Clock.fixed(now, ZoneOffset.UTC));
        long expiresAt = now.plusSeconds(300).getEpochSecond();
        early.apply(new RoomCommand.Join(participant("p1", "psy", Role.PSYCHOLOGIST, "i1"), 2, "jti-1", expiresAt));
        assertEquals(Map.of("jti-1", expiresAt), early.usedTickets());

        Rooms late = new Rooms(true, Clock.fixed(now, ZoneOffset.UTC));
        late.rememberUsedTickets(early.usedTickets());
        assertFalse(late.apply(new RoomCommand.Join(participant("p2", "psy", Role.PSYCHOLOGIST, "i3"), 2, "jti-1",
                expiresAt)).joinDecision().allowed());

        Instant muchLater = now.plus(Duration.ofMinutes(30));
        Rooms afterwards = new Rooms(true, Clock.fixed(muchLater, ZoneOffset.UTC));
        afterwards.rememberUsedTickets(early.usedTickets());
        afterwards.apply(new RoomCommand.Join(participant("x", "other", Role.PSYCHOLOGIST, "i1"), 2, "jti-2",
                muchLater.plusSeconds(300).getEpochSecond()));
        assertEquals(Set.of("jti-2"), afterwards.usedTickets().keySet());
    }
}
