package com.smilingsteps.infra.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void noPortIsHandedOutTwiceAndEachIsFree() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = FreePorts.next();
            assertTrue(FreePorts.isFree(port), "port " + port + " is free when handed out");
            ports.add(port);
        }
        assertEquals(300, ports.size(), "a stack's ports are all different");
    }
}
