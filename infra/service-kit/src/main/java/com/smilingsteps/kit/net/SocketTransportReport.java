package com.smilingsteps.kit.net;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.channel.epoll.Epoll;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Says once, at start, which socket transport the service's Vert.x runs on. The kit turns Netty's epoll
 * transport on for every service (its META-INF/microprofile-config.properties). When the library cannot load
 * (another OS or CPU, or no copy on java.library.path and a noexec /tmp, where Netty unpacks it) Vert.x falls
 * back to the JDK's selector without a word, and every socket read and write costs more CPU: an operator
 * should see why.
 */
@Singleton
public class SocketTransportReport {

    private static final Logger LOG = Logger.getLogger(SocketTransportReport.class);

    private final Vertx vertx;
    private final boolean preferred;

    SocketTransportReport(Vertx vertx,
            @ConfigProperty(name = "quarkus.vertx.prefer-native-transport", defaultValue = "false") boolean preferred) {
        this.vertx = vertx;
        this.preferred = preferred;
    }

    void report(@Observes StartupEvent start) {
        boolean nativeEnabled = vertx.isNativeTransportEnabled();
        String line = describe(nativeEnabled, preferred, nativeEnabled ? null : unavailabilityCause());
        if (preferred && !nativeEnabled) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    /**
     * Vert.x 4.5 names no cause once it has fallen back: its JDK transport has none
     * ({@code unavailableNativeTransportCause()} asks the transport in use). Netty's Epoll keeps it.
     */
    private Throwable unavailabilityCause() {
        Throwable cause = vertx.unavailableNativeTransportCause();
        return cause != null ? cause : Epoll.unavailabilityCause();
    }

    static String describe(boolean nativeEnabled, boolean preferred, Throwable cause) {
        if (nativeEnabled) {
            return "sockets: Netty's native epoll transport";
        }
        if (!preferred) {
            return "sockets: the JDK's selector (quarkus.vertx.prefer-native-transport=false)";
        }
        Throwable root = cause == null ? null : root(cause);
        return "sockets: the JDK's selector, because Netty's native epoll transport did not load ("
                + (root == null ? "no reason given" : root.getClass().getSimpleName() + ": " + root.getMessage())
                + "); each socket read and write costs more CPU"
                // only a library that was found but could not be linked points at the directory it was unpacked to
                + (root instanceof UnsatisfiedLinkError ? ". The images load it from /deployments/native"
                        + " (java.library.path); without it there, Netty unpacks it into java.io.tmpdir, which must"
                        + " then allow exec" : "");
    }

    private static Throwable root(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
