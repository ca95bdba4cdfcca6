package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** Where a server's frames end, however the bytes are split across reads: a close frame may go only there. */
class FrameBoundariesTest {

    @Test
    void aFrameSplitAcrossReadsEndsOnlyAfterItsLastPayloadByte() {
        // unmasked text frame, 16-bit extended length 300, then a 2-byte frame
        Buffer frames = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) 126).appendShort((short) 300)
                .appendBytes(new byte[300]).appendByte((byte) 0x81).appendByte((byte) 0);
        FrameBoundaries boundaries = new FrameBoundaries();
        assertTrue(boundaries.atBoundary());
        for (int i = 0; i < frames.length(); i++) {
            boundaries.passed(frames.slice(i, i + 1));
            boolean endOfFirst = i == 3 + 300;
            boolean endOfSecond = i == frames.length() - 1;
            assertEquals(endOfFirst || endOfSecond, boundaries.atBoundary(), "after byte " + i);
        }
    }

    @Test
    void aStepThatCompletesAHeaderReportsItsLengthsAndTheNextStepSkipsThePayload() {
        Buffer masked = Buffer.buffer().appendByte((byte) 0x82).appendByte((byte) (0x80 | 5)).appendInt(0x01020304)
                .appendBytes(new byte[5]);
        FrameBoundaries boundaries = new FrameBoundaries();
        int at = boundaries.step(masked, 0);
        assertTrue(boundaries.headerJustRead());
        assertEquals(6, at);
        assertEquals(6, boundaries.headerLength());
        assertEquals(5, boundaries.payloadLength());
        assertEquals(masked.length(), boundaries.step(masked, at));
        assertFalse(boundaries.headerJustRead());
        assertTrue(boundaries.atBoundary());
    }

    @Test
    void anInvalid64BitLengthCountsAsTheLargestPayload() {
        Buffer invalid = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) 127).appendLong(-1L);
        FrameBoundaries boundaries = new FrameBoundaries();
        boundaries.step(invalid, 0);
        assertTrue(boundaries.headerJustRead());
        assertEquals(Long.MAX_VALUE, boundaries.payloadLength());
    }
}
