package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientMessageTest {

    @Test
    void anOffersSdpIsKeptAsTheJsonTextItCameAs() {
        String sdp = "{\"type\": \"offer\", \"sdp\": \"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\\u00e9\", \"n\": [1, {\"x\": null}]}";
        assertEquals(new ClientMessage.Relay("offer", "peer-b", "sdp", sdp),
                ClientMessage.decode("{\"type\":\"offer\",\"to\":\"peer-b\",\"sdp\": " + sdp + " ,\"extra\":{\"a\":[1,2]}}"));
    }

    @Test
    void aMessageOver32KiBIsCutAtTheSamePlaces() {
        // Jackson reads a String this long through a Reader instead of one char array
        String sdp = "{\"type\":\"offer\",\"sdp\":\"" + "a=candidate:1 1 udp 2122260223\\r\\n".repeat(1200) + "\"}";
        String message = "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":" + sdp + ",\"padding\":[" + "1,".repeat(4000) + "1]}";
        assertTrue(message.length() > 32 * 1024);
        assertEquals(new ClientMessage.Relay("offer", "p", "sdp", sdp), ClientMessage.decode(message));
    }

    @Test
    void aCandidateMayBeAnyJsonValue() {
        assertEquals(new ClientMessage.Relay("ice-candidate", "p", "candidate", "\"candidate:1 \\\"quoted\\\"\""),
                ClientMessage.decode("{\"candidate\":\"candidate:1 \\\"quoted\\\"\",\"type\":\"ice-candidate\",\"to\":\"p\"}"));
        assertEquals(new ClientMessage.Relay("answer", "p", "sdp", "null"),
                ClientMessage.decode("{\"type\":\"answer\",\"to\":\"p\",\"sdp\":null}"));
        assertEquals(new ClientMessage.Relay("answer", "p", "sdp", "-1.5e3"),
                ClientMessage.decode("{\"type\":\"answer\",\"to\":\"p\",\"sdp\":-1.5e3}"));
    }

    @Test
    void aRepeatedFieldKeepsItsLastValue() {
        assertEquals(new ClientMessage.Relay("offer", "second", "sdp", "{\"b\":2}"),
                ClientMessage.decode("{\"type\":\"offer\",\"to\":\"first\",\"sdp\":{\"a\":1},\"to\":\"second\",\"sdp\":{\"b\":2}}"));
    }

    @Test
    void theOtherMessagesCarryTheirOneField() {
        assertEquals(new ClientMessage.JoinRoom("t.k.n"), ClientMessage.decode("{\"type\":\"join-room\",\"ticket\":\"t.k.n\"}"));
        assertEquals(new ClientMessage.Chat("hello"), ClientMessage.decode("{\"type\":\"chat\",\"text\":\"hello\"}"));
        assertEquals(new ClientMessage.Chat(null), ClientMessage.decode("{\"type\":\"chat\",\"text\":7}"));
        assertEquals(new ClientMessage.Admit("p"), ClientMessage.decode("{\"type\":\"admit\",\"peerId\":\"p\"}"));
        assertEquals(new ClientMessage.LeaveRoom(), ClientMessage.decode("{\"type\":\"leave-room\"}"));
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertEquals(new ClientMessage.Malformed("The message is not valid JSON."), ClientMessage.decode("{\"type\":"));
        assertEquals(new ClientMessage.Malformed("The message is not valid JSON."),
                ClientMessage.decode("{\"type\":\"offer\",\"to\":\"p\",\"sdp\":{\"a\":]}}"));
        assertEquals(new ClientMessage.Malformed("A message must be a JSON object with a type."), ClientMessage.decode("[1]"));
        assertEquals(new ClientMessage.Malformed("A message must be a JSON object with a type."), ClientMessage.decode(""));
        assertEquals(new ClientMessage.Malformed("Unknown message type."), ClientMessage.decode("{\"type\":\"hack\"}"));
        assertEquals(new ClientMessage.Malformed("Unknown message type."), ClientMessage.decode("{\"type\":{\"x\":1}}"));
        assertEquals(new ClientMessage.Malformed("join-room needs a ticket."), ClientMessage.decode("{\"type\":\"join-room\",\"ticket\":1}"));
        assertEquals(new ClientMessage.Malformed("offer needs to and sdp."), ClientMessage.decode("{\"type\":\"offer\",\"to\":\"p\"}"));
        assertEquals(new ClientMessage.Malformed("ice-candidate needs to and candidate."),
                ClientMessage.decode("{\"type\":\"ice-candidate\",\"to\":5,\"candidate\":{}}"));
        assertEquals(new ClientMessage.Malformed("admit needs a peerId."), ClientMessage.decode("{\"type\":\"admit\"}"));
    }
}
