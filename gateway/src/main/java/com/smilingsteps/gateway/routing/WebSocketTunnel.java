package com.smilingsteps.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jboss.logging.Logger;

import com.smilingsteps.gateway.auth.AccessTokenExtractor;
import com.smilingsteps.gateway.edge.Problems;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade passed to an upstream instance, and after its 101 the two connections
 * joined as a byte tunnel (frames are not decoded or re-encoded). Unlike the HTTP proxy's own
 * upgrade handling, each direction stops reading while the other side's write queue is full, and
 * the client's side is read only as fast as its {@link FrameMeter} allows. A client whose message
 * is larger than the upstream accepts is closed here with 1009, as the upstream would close it.
 */
final class WebSocketTunnel {

    private static final Logger LOG = Logger.getLogger(WebSocketTunnel.class);
    /** A server's close frame (unmasked): 1009, "message too big". */
    private static final Buffer TOO_BIG = closeFrame(1009, "message too big");

    private final Vertx vertx;
    private final HttpServerRequest proxied;
    private final FrameMeter meter;
    private final String service;

    private WebSocketTunnel(Vertx vertx, HttpServerRequest proxied, FrameMeter meter, String service) {
        this.vertx = vertx;
        this.proxied = proxied;
        this.meter = meter;
        this.service = service;
    }

    /** Sends the (paused) upgrade request on to {@code upstream} and, once it switches protocols, tunnels. */
    static void open(Vertx vertx, HttpServerRequest proxied, HttpClientRequest upstream, FrameMeter meter, String service) {
        new WebSocketTunnel(vertx, proxied, meter, service).upgrade(upstream);
    }

    /** The upstream could not be reached at all. */
    static void unreachable(HttpServerRequest proxied, String service) {
        proxied.resume();
        Problems.send(proxied.response(), 502, "bad-gateway", "Bad gateway", "The " + service + " service is unavailable.",
                proxied.path());
    }

    private void upgrade(HttpClientRequest upstream) {
        upstream.setMethod(HttpMethod.GET);
        upstream.setURI(AccessTokenExtractor.withoutQueryToken(proxied.uri()));
        for (Map.Entry<String, String> header : proxied.headers()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.HOST.toString())
                    && !header.getKey().equalsIgnoreCase(HttpHeaders.CONNECTION.toString())) {
                upstream.headers().add(header.getKey(), header.getValue());
            }
        }
        // Firefox sends "keep-alive, Upgrade"; the upstream gets the standard value
        upstream.headers().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
        // Without a handler Vert.x logs the end of every tunnel ("Connection was closed") as an ERROR;
        // failures that matter reach connect()'s answer or the sockets' own handlers below.
        upstream.exceptionHandler(failure -> LOG.debugf("upstream of a tunnel: %s", failure.getMessage()));
        upstream.connect().onComplete(answer -> {
            if (answer.failed()) {
                unreachable(proxied, service);
            } else if (answer.result().statusCode() != 101) {
                refused(answer.result());
            } else {
                switchProtocols(answer.result());
            }
        });
        proxied.resume();
    }

    /** The upstream's own refusal (401, 403, 429, ...) reaches the client as it was given. */
    private void refused(HttpClientResponse answer) {
        proxied.response().setStatusCode(answer.statusCode()).headers().addAll(answer.headers())
                // framing is the gateway's own: the body is sent whole, with its length
                .remove(HttpHeaders.TRANSFER_ENCODING).remove(HttpHeaders.CONNECTION).remove(HttpHeaders.CONTENT_LENGTH);
        answer.body().onComplete(body -> proxied.response().end(body.succeeded() ? body.result() : Buffer.buffer()));
    }

    private void switchProtocols(HttpClientResponse answer) {
        proxied.response().setStatusCode(101).headers().addAll(answer.headers());
        NetSocket upstreamSocket = answer.netSocket();
        proxied.toNetSocket().onComplete(accepted -> {
            if (accepted.failed()) {
                LOG.debugf("client went away during the upgrade: %s", accepted.cause().getMessage());
                upstreamSocket.close();
                return;
            }
            NetSocket client = accepted.result();
            Valve clientReads = new Valve(client);
            Valve upstreamReads = new Valve(upstreamSocket);
            FrameBoundaries toClient = new FrameBoundaries();
            client.handler(bytes -> pass(bytes, client, upstreamSocket, clientReads, toClient));
            upstreamSocket.handler(bytes -> {
                toClient.passed(bytes);
                client.write(bytes);
                backPressure(client, upstreamReads);
            });
            client.closeHandler(v -> upstreamSocket.close());
            upstreamSocket.closeHandler(v -> client.close());
            client.exceptionHandler(failure -> closeBoth(client, upstreamSocket, failure));
            upstreamSocket.exceptionHandler(failure -> closeBoth(client, upstreamSocket, failure));
        });
    }

    /**
     * Writes the frames the meter affords now; holds the rest, with the client's reads, until it
     * affords more. Slices, not copies: a held flood is retried every few milliseconds.
     */
    private void pass(Buffer bytes, NetSocket client, NetSocket upstream, Valve clientReads, FrameBoundaries toClient) {
        int affordable = meter.affordable(bytes);
        if (affordable > 0) {
            upstream.write(affordable == bytes.length() ? bytes : bytes.slice(0, affordable));
            backPressure(upstream, clientReads);
        }
        if (meter.tooBig()) {
            closeTooBig(client, upstream, toClient);
        } else if (affordable < bytes.length()) {
            Buffer held = affordable == 0 ? bytes : bytes.slice(affordable, bytes.length());
            clientReads.hold();
            vertx.setTimer(Math.max(1, meter.waitNanos() / 1_000_000), id -> {
                pass(held, client, upstream, clientReads, toClient);
                clientReads.release();
            });
        }
    }

    /**
     * Closes the client with 1009 without reading the rest of its message, and the upstream. The
     * close frame goes between two of the upstream's frames; if one is half passed, the client's
     * connection is just closed.
     */
    private static void closeTooBig(NetSocket client, NetSocket upstream, FrameBoundaries toClient) {
        LOG.debug("WebSocket client closed for a message larger than the upstream accepts");
        client.pause();
        upstream.pause();
        if (toClient.atBoundary()) {
            client.end(TOO_BIG.copy()).onComplete(closed -> upstream.close());
        } else {
            client.close();
            upstream.close();
        }
    }

    private static Buffer closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer().appendByte((byte) 0x88).appendByte((byte) (2 + text.length)).appendShort((short) code)
                .appendBytes(text);
    }

    private static void closeBoth(NetSocket client, NetSocket upstream, Throwable failure) {
        LOG.debugf("tunnel closed after a socket failure: %s", failure.getMessage());
        client.close();
        upstream.close();
    }

    /** Stops {@code reads} until {@code writer}'s queue drains. */
    private static void backPressure(NetSocket writer, Valve reads) {
        if (writer.writeQueueFull()) {
            reads.hold();
            writer.drainHandler(v -> {
                writer.drainHandler(null);
                reads.release();
            });
        }
    }

    /** Pauses a socket while any reason to hold it stands (a full write queue, a metered wait). */
    private static final class Valve {

        private final NetSocket socket;
        private int holds;

        Valve(NetSocket socket) {
            this.socket = socket;
        }

        void hold() {
            if (holds++ == 0) {
                socket.pause();
            }
        }

        void release() {
            if (holds > 0 && --holds == 0) {
                socket.resume();
            }
        }
    }
}
