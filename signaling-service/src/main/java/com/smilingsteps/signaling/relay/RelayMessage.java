package com.smilingsteps.signaling.relay;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.smilingsteps.signaling.room.RoomCommand;

/** A record on {@code signaling.relay}; {@code origin} is the publishing instance. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RelayMessage.Command.class, name = "command"),
        @JsonSubTypes.Type(value = RelayMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = RelayMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = RelayMessage.ToPeer.class, name = "to-peer"),
        @JsonSubTypes.Type(value = RelayMessage.ToRoom.class, name = "to-room"),
        @JsonSubTypes.Type(value = RelayMessage.UsedTickets.class, name = "used-tickets")
})
public sealed interface RelayMessage {

    String origin();

    /** A membership change every instance applies. */
    record Command(String origin, RoomCommand command) implements RelayMessage {
    }

    /** "I am alive"; an instance silent for the instance timeout is taken as gone. */
    record Heartbeat(String origin) implements RelayMessage {
    }

    /** A new instance asks the others to announce their members ({@link RoomCommand.Present}). */
    record Hello(String origin) implements RelayMessage {
    }

    /** A server message for one peer held by {@code instanceId}. */
    record ToPeer(String origin, String instanceId, String peerId, String text) implements RelayMessage {
    }

    /** Join tickets used so far (id → expiry, epoch seconds), told to a new instance after its hello. */
    record UsedTickets(String origin, Map<String, Long> tickets) implements RelayMessage {
    }

    /** A server message for every admitted peer of a room that the receiving instance holds. */
    record ToRoom(String origin, String roomId, String text) implements RelayMessage {
    }
}
