package com.smilingsteps.signaling.socket;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A client → server message of the protocol (signaling-service/README.md), decoded once. The
 * decoder reads the top-level fields it needs and keeps an offer's SDP or a candidate as the raw
 * JSON text it arrived as, so that relaying it copies characters instead of building and
 * re-serialising a tree (an SDP is a few KB, and offers and candidates are most of the traffic).
 */
sealed interface ClientMessage {

    /** {@code join-room}; {@code ticket} null when absent or not a string. */
    record JoinRoom(String ticket) implements ClientMessage {
    }

    /** {@code offer}, {@code answer} or {@code ice-candidate}: {@code payload} is the raw JSON of {@code field}. */
    record Relay(String type, String to, String field, String payload) implements ClientMessage {
    }

    record Chat(String text) implements ClientMessage {
    }

    record Admit(String peerId) implements ClientMessage {
    }

    record LeaveRoom() implements ClientMessage {
    }

    /** Not a message of the protocol: answered with a {@code bad-message} error saying why. */
    record Malformed(String reason) implements ClientMessage {
    }

    JsonFactory JSON = new JsonFactory();

    static ClientMessage decode(String text) {
        Fields fields = new Fields();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Malformed("A message must be a JSON object with a type.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "sdp", "candidate" -> fields.payload(name, raw(parser, value, text));
                    case "type", "to", "ticket", "text", "peerId" -> fields.string(name,
                            value == JsonToken.VALUE_STRING ? parser.getText() : null);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new Malformed("The message is not valid JSON.");
        }
        return fields.message();
    }

    /** The JSON text of the value at the parser's current token, as it was sent. */
    private static String raw(JsonParser parser, JsonToken value, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (value.isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken(); // a string's characters are read lazily: read them so the end is known
        }
        int end = (int) parser.currentLocation().getCharOffset();
        return text.substring(start, end);
    }

    /** The fields seen so far; a repeated field keeps its last value, as a tree parse would. */
    final class Fields {
        private String type;
        private String to;
        private String ticket;
        private String chatText;
        private String peerId;
        private String sdp;
        private String candidate;

        void string(String name, String value) {
            switch (name) {
                case "type" -> type = value;
                case "to" -> to = value;
                case "ticket" -> ticket = value;
                case "text" -> chatText = value;
                default -> peerId = value;
            }
        }

        void payload(String name, String json) {
            if (name.equals("sdp")) {
                sdp = json;
            } else {
                candidate = json;
            }
        }

        ClientMessage message() {
            if (type == null) {
                return new Malformed("Unknown message type.");
            }
            return switch (type) {
                case "join-room" -> ticket == null ? new Malformed("join-room needs a ticket.") : new JoinRoom(ticket);
                case "offer", "answer" -> relay(type, "sdp", sdp);
                case "ice-candidate" -> relay(type, "candidate", candidate);
                case "chat" -> new Chat(chatText);
                case "admit" -> peerId == null ? new Malformed("admit needs a peerId.") : new Admit(peerId);
                case "leave-room" -> new LeaveRoom();
                default -> new Malformed("Unknown message type.");
            };
        }

        private ClientMessage relay(String kind, String field, String payload) {
            if (to == null || payload == null) {
                return new Malformed(kind + " needs to and " + field + ".");
            }
            return new Relay(kind, to, field, payload);
        }
    }
}
