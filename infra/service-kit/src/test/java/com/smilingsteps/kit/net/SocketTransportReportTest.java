package com.smilingsteps.kit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SocketTransportReportTest {

    @Test
    void saysWhichTransportAndWhyTheNativeOneDidNotLoad() {
        assertEquals("sockets: Netty's native epoll transport",
                SocketTransportReport.describe(true, true, null));
        assertEquals("sockets: the JDK's selector (quarkus.vertx.prefer-native-transport=false)",
                SocketTransportReport.describe(false, false, null));
        String noexec = SocketTransportReport.describe(false, true, new IllegalStateException("could not load",
                new UnsatisfiedLinkError("/tmp/libnetty_transport_native_epoll_x86_64.so: failed to map segment")));
        assertTrue(noexec.contains("UnsatisfiedLinkError: /tmp/libnetty_transport_native_epoll_x86_64.so: failed to map"
                + " segment"), noexec);
        assertTrue(noexec.contains("/deployments/native (java.library.path)"), noexec);
        // a developer's Mac: nothing to unpack, so no advice about /tmp
        String macOs = SocketTransportReport.describe(false, true,
                new ExceptionInInitializerError(new IllegalStateException("Only supported on Linux")));
        assertTrue(macOs.contains("IllegalStateException: Only supported on Linux"), macOs);
        assertFalse(macOs.contains("/tmp"), macOs);
    }
}
