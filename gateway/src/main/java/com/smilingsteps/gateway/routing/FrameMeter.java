package com.smilingsteps.gateway.routing;

import io.vertx.core.buffer.Buffer;

/**
 * Meters what a WebSocket client sends, read straight off the tunnelled bytes: it follows the frame
 * headers ({@link FrameBoundaries}) and charges each frame one token plus one per whole 4 KiB of
 * payload against its caller's {@link FrameBudgets budget}. The tunnel holds back a client's next
 * frame, and stops reading the client, until a token is there again: a client flooding frames
 * waits on its own TCP window instead of taking the event loops every other call's messages share.
 * A message larger than the upstream accepts is not passed at all ({@link #tooBig()}): the upstream
 * would only close the socket for it, after the gateway had read and copied every byte.
 */
final class FrameMeter {

    private static final long PAYLOAD_BYTES_PER_TOKEN = 4096;
    private static final int OPCODE_CONTINUATION = 0;
    private static final int CONTROL_OPCODES = 0x8;

    private final FrameBudgets.Budget budget;
    private final long maxMessageBytes;
    private final FrameBoundaries frames = new FrameBoundaries();
    private long messageBytes;
    private boolean tooBig;

    /** {@code maxMessageBytes}: the upstream's limit on a message's payload, fragments summed. */
    FrameMeter(FrameBudgets.Budget budget, long maxMessageBytes) {
        this.budget = budget;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * How many leading bytes of {@code bytes} may be passed on now: a frame starts only while a
     * token is left (its cost may then run the bucket into debt); the first frame that would start
     * without one, and everything after it, waits ({@link #waitNanos()}). Nothing passes from the
     * header of a frame that makes its message too big ({@link #tooBig()}) on.
     */
    int affordable(Buffer bytes) {
        if (tooBig) {
            return 0;
        }
        int length = bytes.length();
        int at = 0;
        while (at < length) {
            if (frames.atBoundary() && !budget.canStartFrame()) {
                return at;
            }
            at = frames.step(bytes, at);
            if (frames.headerJustRead()) {
                if (overLimit()) {
                    tooBig = true;
                    budget.spend(Long.MAX_VALUE);
                    // the header's first bytes may have passed with an earlier read; the upstream is closed anyway
                    return Math.max(0, at - frames.headerLength());
                }
                budget.spend(1 + frames.payloadLength() / PAYLOAD_BYTES_PER_TOKEN);
            }
        }
        return length;
    }

    /** How long until the next frame may start. */
    long waitNanos() {
        return budget.waitNanos();
    }

    /** The client sent a message larger than the upstream accepts: close it (1009), pass nothing more. */
    boolean tooBig() {
        return tooBig;
    }

    /** Adds the frame just read to its message (control frames, at most 125 bytes, are not part of one). */
    private boolean overLimit() {
        int opcode = frames.header()[0] & 0x0f;
        if ((opcode & CONTROL_OPCODES) != 0) {
            return false;
        }
        long payload = frames.payloadLength();
        messageBytes = opcode == OPCODE_CONTINUATION ? messageBytes + payload : payload;
        return messageBytes > maxMessageBytes || messageBytes < 0;
    }
}
