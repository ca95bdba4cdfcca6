package com.smilingsteps.signaling.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every room known to this instance, changed only by {@link #apply(RoomCommand)}. Applying the
 * same commands in the same order gives the same rooms and the same messages on every instance,
 * which is what makes room-size checks and the waiting room right across instances.
 * <p>
 * Commands are applied under this object's lock; {@link #member(String)} is lock-free because
 * every relayed offer, answer and candidate asks it.
 */
public final class Rooms {

    private static final class Room {
        final int capacity;
        final Map<String, Participant> admitted = new LinkedHashMap<>();
        final Map<String, Participant> waiting = new LinkedHashMap<>();
        /** Users let in once keep their place when they reconnect. */
        final Set<String> admittedUsers = new HashSet<>();

        Room(int capacity) {
            this.capacity = capacity;
        }

        int size() {
            return admitted.size() + waiting.size();
        }

        Optional<Participant> byUser(String userId) {
            return Stream.concat(admitted.values().stream(), waiting.values().stream())
                    .filter(p -> p.userId().equals(userId)).findFirst();
        }
    }

    private final boolean waitingRoomEnabled;
    private final Clock clock;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final UsedTickets usedTickets = new UsedTickets();

    public Rooms(boolean waitingRoomEnabled) {
        this(waitingRoomEnabled, Clock.systemUTC());
    }

    public Rooms(boolean waitingRoomEnabled, Clock clock) {
        this.waitingRoomEnabled = waitingRoomEnabled;
        this.clock = clock;
    }

    /** The join tickets used so far and their expiries, for an instance that starts now. */
    public synchronized Map<String, Long> usedTickets() {
        return usedTickets.snapshot();
    }

    public synchronized void rememberUsedTickets(Map<String, Long> used) {
        usedTickets.remember(used);
    }

    /** The member with this peerId (admitted or waiting), or null. */
    public Member member(String peerId) {
        return peerId == null ? null : members.get(peerId);
    }

    /** Rooms with at least one member (admitted or waiting). */
    public synchronized int activeRooms() {
        return (int) rooms.values().stream().filter(room -> room.size() > 0).count();
    }

    /** The admitted participants of a room, in joining order. */
    public synchronized List<Participant> admitted(String roomId) {
        Room room = rooms.get(roomId);
        return room == null ? List.of() : List.copyOf(room.admitted.values());
    }

    public synchronized List<Member> membersHeldBy(String instanceId) {
        return members.values().stream().filter(m -> m.participant().instanceId().equals(instanceId)).toList();
    }

    /** Instances holding at least one member, other than {@code self}. */
    public synchronized Set<String> otherInstances(String self) {
        Set<String> instances = new HashSet<>();
        members.values().forEach(m -> instances.add(m.participant().instanceId()));
        instances.remove(self);
        return instances;
    }

    public synchronized int capacity(String roomId) {
        Room room = rooms.get(roomId);
        return room == null ? 0 : room.capacity;
    }

    public synchronized Outcome apply(RoomCommand command) {
        Outcome outcome = new Outcome();
        if (command instanceof RoomCommand.Join join) {
            join(join, outcome);
        } else if (command instanceof RoomCommand.Leave leave) {
            leave(leave.peerId(), leave.reason(), null, outcome);
        } else if (command instanceof RoomCommand.Admit admit) {
            admit(admit, outcome);
        } else if (command instanceof RoomCommand.InstanceLost lost) {
            instanceLost(lost, outcome);
        } else if (command instanceof RoomCommand.Present present) {
            present(present);
        }
        return outcome;
    }

    private void join(RoomCommand.Join join, Outcome outcome) {
        Participant joiner = join.participant();
        if (members.containsKey(joiner.peerId())) {
            return; // the same command seen twice
        }
        // before anything else: a replayed ticket must not even replace its user's entry
        if (join.ticketId() != null
                && !usedTickets.use(join.ticketId(), join.ticketExpiresAt(), clock.instant().getEpochSecond())) {
            outcome.deliver(joiner, ServerMessages.error("invalid-ticket",
                    "This join ticket was used already; ask for a new one."));
            outcome.decide(joiner, false, "ticket used already");
            outcome.removed(joiner);
            return;
        }
        Room room = rooms.computeIfAbsent(joiner.roomId(), id -> new Room(join.capacity()));
        room.byUser(joiner.userId()).ifPresent(old -> {
            outcome.deliver(old, ServerMessages.error("replaced", "You joined this room from another connection."));
            leave(old.peerId(), LeaveReason.REPLACED, null, outcome);
        });
        room = rooms.computeIfAbsent(joiner.roomId(), id -> new Room(join.capacity()));
        if (room.size() >= room.capacity) {
            outcome.deliver(joiner, ServerMessages.error("room-full",
                    "This call already has its " + room.capacity + " participants."));
            outcome.decide(joiner, false, "room full");
            outcome.removed(joiner);
            dropIfEmpty(joiner.roomId(), room);
            return;
        }
        boolean admitDirectly = joiner.role() == Role.PSYCHOLOGIST || !waitingRoomEnabled
                || room.admittedUsers.contains(joiner.userId());
        if (admitDirectly) {
            admit(room, joiner, outcome);
            outcome.decide(joiner, true, "ticket valid; admitted");
        } else {
            room.waiting.put(joiner.peerId(), joiner);
            members.put(joiner.peerId(), new Member(joiner, false));
            outcome.deliver(joiner, ServerMessages.waiting(joiner));
            psychologists(room).forEach(p -> outcome.deliver(p, ServerMessages.userWaiting(joiner)));
            outcome.decide(joiner, true, "ticket valid; waiting for admission");
        }
    }

    private void admit(Room room, Participant joiner, Outcome outcome) {
        List<Participant> others = List.copyOf(room.admitted.values());
        room.admitted.put(joiner.peerId(), joiner);
        room.admittedUsers.add(joiner.userId());
        members.put(joiner.peerId(), new Member(joiner, true));
        outcome.deliver(joiner, ServerMessages.existingParticipants(joiner, others));
        others.forEach(other -> outcome.deliver(other, ServerMessages.userJoined(joiner)));
        if (joiner.role() == Role.PSYCHOLOGIST) {
            room.waiting.values().forEach(w -> outcome.deliver(joiner, ServerMessages.userWaiting(w)));
        }
        outcome.joined(joiner);
    }

    private void admit(RoomCommand.Admit admit, Outcome outcome) {
        Member by = members.get(admit.byPeerId());
        if (by == null) {
            return; // the psychologist left before their admit was applied
        }
        Room room = rooms.get(by.participant().roomId());
        if (!by.admitted() || room == null) {
            outcome.deliver(by.participant(), ServerMessages.error("not-in-room", "You are not in a room."));
        } else if (by.participant().role() != Role.PSYCHOLOGIST) {
            outcome.deliver(by.participant(), ServerMessages.error("not-allowed",
                    "Only the psychologist can admit participants."));
        } else {
            Participant waiting = room.waiting.remove(admit.peerId());
            if (waiting == null) {
                outcome.deliver(by.participant(), ServerMessages.error("not-in-room",
                        "No one with that peerId is waiting in your room."));
                return;
            }
            outcome.deliver(waiting, ServerMessages.admitted(waiting));
            admit(room, waiting, outcome);
        }
    }

    private void leave(String peerId, LeaveReason reason, String reportedBy, Outcome outcome) {
        Member member = members.remove(peerId);
        if (member == null) {
            return;
        }
        Participant leaver = member.participant();
        Room room = rooms.get(leaver.roomId());
        outcome.removed(leaver);
        if (room == null) {
            return;
        }
        if (member.admitted()) {
            room.admitted.remove(peerId);
            room.admitted.values().forEach(p -> outcome.deliver(p, ServerMessages.userLeft(leaver, reason)));
            outcome.left(leaver, reason, reportedBy);
        } else {
            room.waiting.remove(peerId);
            psychologists(room).forEach(p -> outcome.deliver(p, ServerMessages.userLeft(leaver, reason)));
        }
        dropIfEmpty(leaver.roomId(), room);
    }

    private void instanceLost(RoomCommand.InstanceLost lost, Outcome outcome) {
        Room room = rooms.get(lost.roomId());
        if (room == null) {
            return;
        }
        List<String> gone = new ArrayList<>();
        room.admitted.values().stream().filter(p -> p.instanceId().equals(lost.instanceId()))
                .forEach(p -> gone.add(p.peerId()));
        room.waiting.values().stream().filter(p -> p.instanceId().equals(lost.instanceId()))
                .forEach(p -> gone.add(p.peerId()));
        gone.forEach(peerId -> leave(peerId, LeaveReason.INSTANCE_LOST, lost.reportedBy(), outcome));
    }

    private void present(RoomCommand.Present present) {
        Participant participant = present.participant();
        if (members.containsKey(participant.peerId())) {
            return;
        }
        Room room = rooms.computeIfAbsent(participant.roomId(), id -> new Room(present.capacity()));
        if (present.admitted()) {
            room.admitted.put(participant.peerId(), participant);
            room.admittedUsers.add(participant.userId());
        } else {
            room.waiting.put(participant.peerId(), participant);
        }
        members.put(participant.peerId(), new Member(participant, present.admitted()));
    }

    private void dropIfEmpty(String roomId, Room room) {
        if (room.size() == 0) {
            rooms.remove(roomId);
        }
    }

    private static List<Participant> psychologists(Room room) {
        return room.admitted.values().stream().filter(p -> p.role() == Role.PSYCHOLOGIST).toList();
    }
}
