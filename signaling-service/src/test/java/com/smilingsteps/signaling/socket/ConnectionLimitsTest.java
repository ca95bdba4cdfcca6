package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private final ConnectionLimits limits = new ConnectionLimits(2, 3);

    @Test
    void aUserGetsNoMoreSocketsThanTheCapUntilOneCloses() {
        assertTrue(limits.open("c1", "u", "10.1.1.1"));
        assertTrue(limits.open("c2", "u", "10.1.1.2"));
        assertTrue(limits.refusal("u", "10.1.1.3").contains("this user"));
        assertFalse(limits.open("c3", "u", "10.1.1.3"));
        limits.close("c1");
        assertNull(limits.refusal("u", "10.1.1.3"));
        assertTrue(limits.open("c3", "u", "10.1.1.3"));
        assertEquals(2, limits.openCount());
    }

    @Test
    void anAddressGetsNoMoreSocketsThanItsCapWhoeverOpensThem() {
        assertTrue(limits.open("a", "u1", "10.2.2.2"));
        assertTrue(limits.open("b", "u2", "10.2.2.2"));
        assertTrue(limits.open("c", "u3", "10.2.2.2"));
        assertTrue(limits.refusal("u4", "10.2.2.2").contains("this address"));
        assertFalse(limits.open("d", "u4", "10.2.2.2"));
        assertTrue(limits.open("e", "u4", "10.3.3.3"));
        limits.close("b");
        assertTrue(limits.open("d", "u4", "10.2.2.2"));
    }

    @Test
    void closingTwiceOrAnUncountedSocketChangesNothing() {
        assertTrue(limits.open("c1", "u", null));
        assertTrue(limits.open("c1", "u", null)); // the same socket is counted once
        limits.close("c1");
        limits.close("c1");
        limits.close("never-opened");
        assertEquals(0, limits.openCount());
        assertTrue(limits.open("c2", "u", null));
        assertTrue(limits.open("c3", "u", null));
    }
}
