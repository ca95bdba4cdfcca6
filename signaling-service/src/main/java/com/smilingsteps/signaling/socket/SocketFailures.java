package com.smilingsteps.signaling.socket;

import java.nio.channels.ClosedChannelException;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/** What a socket's failure closes it with: too big a frame, the peer gone, or our own fault. */
final class SocketFailures {

    private static final Logger LOG = Logger.getLogger(SocketFailures.class);
    private static final CloseReason TOO_BIG = new CloseReason(1009, "message larger than 64 KiB");

    private SocketFailures() {
    }

    static Uni<Void> close(WebSocketConnection connection, Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        if (text.contains("max message size") || text.contains("Max frame length")) {
            return connection.close(TOO_BIG);
        }
        if (transportGone(failure) || connection.isClosed()) {
            // a tab closed or a network gone without a close frame: everyday, and the close handler
            // already runs; a warning (synchronous JSON console output) per socket cost the upgrade path 8 %
            LOG.debugf("connection gone: %s", failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        LOG.warnf("closing connection after %s", failure.toString());
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }

    /** The peer's transport closed under the socket (no close frame): not the server's fault. */
    static boolean transportGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
