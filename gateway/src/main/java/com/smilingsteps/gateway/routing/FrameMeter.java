package com.smilingsteps.gateway.routing;

import io.vertx.core.buffer.Buffer;

/**
 * Meters what a WebSocket client sends, read straight off the tunnelled bytes: it follows the frame
 * headers (RFC 6455 section 5.2) and charges each frame one token plus one per whole 4 KiB of
 * payload against its caller's {@link FrameBudgets budget}. The tunnel holds back a client's next
 * frame, and stops reading the client, until a token is there again: a client flooding frames
 * waits on its own TCP window instead of taking the event loops every other call's messages share.
 */
final class FrameMeter {

    private static final long PAYLOAD_BYTES_PER_TOKEN = 4096;

    private final FrameBudgets.Budget budget;
    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeeded = 2;
    private long payloadLeft;

    FrameMeter(FrameBudgets.Budget budget) {
        this.budget = budget;
    }

    /**
     * How many leading bytes of {@code bytes} may be passed on now: a frame starts only while a
     * token is left (its cost may then run the bucket into debt); the first frame that would start
     * without one, and everything after it, waits ({@link #waitNanos()}).
     */
    int affordable(Buffer bytes) {
        int length = bytes.length();
        int at = 0;
        while (at < length) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, length - at);
                payloadLeft -= skip;
                at += skip;
                continue;
            }
            if (headerHave == 0 && !budget.canStartFrame()) {
                return at;
            }
            header[headerHave++] = bytes.getByte(at++);
            if (headerHave == 2) {
                headerNeeded = 2 + extendedLengthBytes(header[1]) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (headerHave == headerNeeded) {
                payloadLeft = payloadLength();
                budget.spend(1 + payloadLeft / PAYLOAD_BYTES_PER_TOKEN);
                headerHave = 0;
                headerNeeded = 2;
            }
        }
        return length;
    }

    /** How long until the next frame may start. */
    long waitNanos() {
        return budget.waitNanos();
    }

    private static int extendedLengthBytes(byte second) {
        int length7 = second & 0x7f;
        return length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7f;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        // a 64-bit length with the top bit set is invalid; the upstream refuses it
        return length < 0 ? Long.MAX_VALUE : length;
    }
}
