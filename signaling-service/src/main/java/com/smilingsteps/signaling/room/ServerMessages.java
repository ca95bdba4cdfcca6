package com.smilingsteps.signaling.room;

import java.util.Collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server → client messages of the protocol (signaling-service/README.md). */
public final class ServerMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ServerMessages() {
    }

    public static ObjectNode of(String type) {
        ObjectNode message = JSON.objectNode();
        message.put("type", type);
        return message;
    }

    public static ObjectNode error(String code, String text) {
        return of("error").put("code", code).put("message", text);
    }

    static ObjectNode existingParticipants(Participant you, Collection<Participant> others) {
        ObjectNode message = of("existing-participants").put("peerId", you.peerId()).put("roomId", you.roomId());
        ArrayNode participants = message.putArray("participants");
        others.forEach(other -> participants.add(describe(JSON.objectNode(), other)));
        return message;
    }

    static ObjectNode userJoined(Participant participant) {
        return describe(of("user-joined"), participant);
    }

    static ObjectNode userLeft(Participant participant, LeaveReason reason) {
        return of("user-left").put("peerId", participant.peerId()).put("userId", participant.userId())
                .put("reason", reason.wireName());
    }

    static ObjectNode waiting(Participant you) {
        return of("waiting").put("peerId", you.peerId()).put("roomId", you.roomId());
    }

    static ObjectNode userWaiting(Participant waiting) {
        return of("user-waiting").put("peerId", waiting.peerId()).put("userId", waiting.userId())
                .put("name", waiting.name());
    }

    static ObjectNode admitted(Participant you) {
        return of("admitted").put("peerId", you.peerId());
    }

    private static ObjectNode describe(ObjectNode node, Participant participant) {
        return node.put("peerId", participant.peerId()).put("userId", participant.userId())
                .put("name", participant.name()).put("role", participant.role().wireName());
    }
}
