package com.smilingsteps.signaling.room;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change of room membership. Every instance applies the same commands in the same order (the
 * order of the relay topic), so every instance holds the same rooms.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RoomCommand.Join.class, name = "join"),
        @JsonSubTypes.Type(value = RoomCommand.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = RoomCommand.Admit.class, name = "admit"),
        @JsonSubTypes.Type(value = RoomCommand.InstanceLost.class, name = "instance-lost"),
        @JsonSubTypes.Type(value = RoomCommand.Present.class, name = "present")
})
public sealed interface RoomCommand {

    /** The room the command changes (the relay record's key, which keeps a room's commands in order). */
    String roomId();

    /**
     * A peer with a verified ticket asks to enter; {@code capacity} comes from the ticket's session
     * type, {@code ticketId} and {@code ticketExpiresAt} (epoch seconds) make the ticket single-use.
     */
    record Join(Participant participant, int capacity, String ticketId, long ticketExpiresAt) implements RoomCommand {
        @Override
        public String roomId() {
            return participant.roomId();
        }
    }

    record Leave(String roomId, String peerId, LeaveReason reason) implements RoomCommand {
    }

    /** {@code byPeerId} (the psychologist) lets waiting {@code peerId} in. */
    record Admit(String roomId, String byPeerId, String peerId) implements RoomCommand {
    }

    /** {@code instanceId} stopped beating: its members of this room are gone; {@code reportedBy} publishes their events. */
    record InstanceLost(String roomId, String instanceId, String reportedBy) implements RoomCommand {
    }

    /** A member that existed before the receiving instance started, announced by its owner. */
    record Present(Participant participant, boolean admitted, int capacity) implements RoomCommand {
        @Override
        public String roomId() {
            return participant.roomId();
        }
    }
}
