package com.smilingsteps.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The call page of one participant: the pre-call check, the call room, and what the browser's
 * own WebRTC stack says through {@code getStats} (via the SPA's {@code window.__ssv} test hook).
 */
public final class CallRoom {

    /**
     * A field of the inbound RTP streams of one kind summed per peer connection of the call, by a
     * number the page gives each connection once: retiring links still carry media across a
     * signaling reconnect (what the page receives), and close once the new link carries it.
     */
    private static final String INBOUND_PER_CONNECTION = """
            async ([kind, field]) => {
              const ids = window.__e2eConnectionIds = window.__e2eConnectionIds || new WeakMap();
              const retiring = window.__ssv.retiringPeerConnections ? window.__ssv.retiringPeerConnections() : [];
              const out = {};
              for (const pc of [...window.__ssv.peerConnections(), ...retiring]) {
                if (!ids.has(pc)) ids.set(pc, window.__e2eNextConnectionId = (window.__e2eNextConnectionId || 0) + 1);
                let total = 0;
                (await pc.getStats()).forEach(s => {
                  if (s.type === 'inbound-rtp' && s.kind === kind) total += (s[field] || 0);
                });
                out[ids.get(pc)] = total;
              }
              return out;
            }""";

    /** The video frames decoded on each peer connection (one per remote participant of a mesh call). */
    private static final String FRAMES_PER_PEER = """
            async () => {
              const out = [];
              for (const pc of window.__ssv.peerConnections()) {
                let frames = 0;
                (await pc.getStats()).forEach(s => {
                  if (s.type === 'inbound-rtp' && s.kind === 'video') frames += (s.framesDecoded || 0);
                });
                out.push(frames);
              }
              return out;
            }""";

    /** The selected candidate pair of every peer connection, with both candidates. */
    private static final String SELECTED_PAIRS = """
            async () => {
              const out = [];
              for (const pc of window.__ssv.peerConnections()) {
                const stats = await pc.getStats();
                let pairId = null;
                stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
                if (!pairId) stats.forEach(s => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pairId = s.id; });
                const pair = pairId && stats.get(pairId);
                if (!pair) { out.push({ local: 'none', remote: 'none' }); continue; }
                const l = stats.get(pair.localCandidateId) || {};
                const r = stats.get(pair.remoteCandidateId) || {};
                out.push({ local: String(l.candidateType), remote: String(r.candidateType), localUrl: String(l.url || ''),
                           localProtocol: String(l.relayProtocol || l.protocol || ''), remotePort: String(r.port),
                           localPort: String(l.port) });
              }
              return out;
            }""";

    /** The track the video sender transmits (camera or screen), or 'none' after replaceTrack(null). */
    private static final String VIDEO_SENDER_TRACKS = """
            () => window.__ssv.peerConnections().flatMap(pc => pc.getTransceivers()
              .filter(t => t.receiver.track && t.receiver.track.kind === 'video')
              .map(t => t.sender.track ? t.sender.track.id + '|' + t.sender.track.label : 'none'))""";


    private final CallPage page;

    public CallRoom(CallPage page) {
        this.page = page;
    }

    /** Waits for the pre-call check to have a camera picture, then clicks "Join call". */
    public CallRoom join() {
        page.waitFor("precall-join-button");
        waitUntil("the Join button is enabled", Duration.ofSeconds(20), () -> page.enabled("precall-join-button"));
        page.click("precall-join-button");
        page.waitFor("call-status");
        return this;
    }

    public String status() {
        return page.count("call-status") == 0 ? "absent" : String.valueOf(page.attribute("call-status", "data-status"));
    }

    public CallRoom awaitStatus(String expected, Duration timeout) {
        waitUntil("call status " + expected, timeout, () -> expected.equals(status()),
                () -> "(status " + status() + ", engine " + safely(this::engineState) + ")");
        return this;
    }

    /** The psychologist admits the first client in the waiting-room list. */
    public CallRoom admitWaiting() {
        page.click("admit-button");
        return this;
    }

    /**
     * Joined on the current signaling connection: its socket open, in the room (not the waiting
     * room). A page whose socket was lost still counts as in the room until its rejoin lands.
     */
    public boolean joinedOnOpenSignaling() {
        return Boolean.TRUE.equals(page.evaluate("""
                () => { const s = window.__ssv.state();
                        return s.signaling === 'open' && s.inRoom === true && s.waitingRoom === false; }"""));
    }

    /** True while the psychologist's waiting-room list offers someone to admit. */
    public boolean someoneWaiting() {
        return page.count("admit-button") > 0;
    }

    /** The remote video frames decoded, summed over every peer connection (retiring ones too). */
    public long framesDecoded() {
        return sum(inboundPerConnection("video", "framesDecoded"));
    }

    public long audioPacketsReceived() {
        return sum(inboundPerConnection("audio", "packetsReceived"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> inboundPerConnection(String kind, String field) {
        Map<String, Long> out = new HashMap<>();
        ((Map<String, Object>) page.evaluate(INBOUND_PER_CONNECTION, List.of(kind, field)))
                .forEach((id, value) -> out.put(id, number(value)));
        return out;
    }

    private static long sum(Map<String, Long> perConnection) {
        return perConnection.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until a counter grew by {@code amount}, counted per peer connection: a retiring link
     * closing once the new one carries the media takes its total out of a plain sum, which then
     * had to climb back above the old link's total first (a reconnect check failed so under load).
     * Returns the sum at the end.
     */
    private long awaitGrowing(String what, String kind, String field, long amount, Duration timeout) {
        Map<String, Long> start = inboundPerConnection(kind, field);
        long[] now = {sum(start), 0};
        waitUntil(what + " growing by " + amount + " (from " + sum(start) + ")", timeout, () -> {
            Map<String, Long> current = inboundPerConnection(kind, field);
            now[0] = sum(current);
            now[1] = current.entrySet().stream()
                    .mapToLong(e -> Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L))).sum();
            return now[1] >= amount;
        }, () -> "(grew by " + now[1] + ")");
        return now[0];
    }

    public long videoFrameWidth() {
        return number(page.evaluate("""
                async () => {
                  let w = 0;
                  for (const pc of window.__ssv.peerConnections())
                    (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') w = s.frameWidth || w; });
                  return w;
                }"""));
    }

    /** The codecs of the inbound streams (e.g. {@code [audio/opus, video/VP8]}), as this browser negotiated them. */
    @SuppressWarnings("unchecked")
    public List<String> inboundCodecs() {
        return (List<String>) page.evaluate("""
                async () => {
                  const out = [];
                  for (const pc of window.__ssv.peerConnections()) {
                    const stats = await pc.getStats();
                    stats.forEach(s => { if (s.type === 'inbound-rtp' && s.codecId && stats.get(s.codecId))
                      out.push(stats.get(s.codecId).mimeType); });
                  }
                  return out.sort();
                }""");
    }

    /**
     * The engine's state and, per peer connection (retiring ones too), where the packets go: see
     * {@link MediaDiagnosis}. For failure messages.
     */
    public String mediaDiagnosis() {
        try {
            return engineState() + page.evaluate(MediaDiagnosis.SCRIPT);
        } catch (RuntimeException e) {
            return engineState() + " (no statistics: " + e.getMessage() + ")";
        }
    }

    /** Waits until the remote video frames decoded grow by at least {@code frames}; returns the new count. */
    public long awaitFramesGrowing(long frames, Duration timeout) {
        return awaitGrowing("remote video frames decoded", "video", "framesDecoded", frames, timeout);
    }

    /** Frames decoded per peer connection, in the engine's order. */
    @SuppressWarnings("unchecked")
    public List<Long> framesDecodedPerPeer() {
        return ((List<Object>) page.evaluate(FRAMES_PER_PEER)).stream().map(CallRoom::number).toList();
    }

    /**
     * Waits until there are {@code peers} peer connections and the frames decoded on every one of
     * them grew by at least {@code frames}: in a mesh call, video from every other participant.
     */
    public void awaitEveryPeerDecoding(int peers, long frames, Duration timeout) {
        List<Long>[] start = new List[] {null};
        List<Long>[] now = new List[] {List.of()};
        waitUntil("video decoded from each of " + peers + " peers", timeout, () -> {
            now[0] = framesDecodedPerPeer();
            if (now[0].size() != peers) {
                start[0] = null;
                return false;
            }
            if (start[0] == null) {
                start[0] = now[0];
                return false;
            }
            for (int i = 0; i < peers; i++) {
                if (now[0].get(i) < start[0].get(i) + frames) {
                    return false;
                }
            }
            return true;
        }, () -> "(frames per peer " + now[0] + " from " + start[0] + ")");
    }

    public long awaitAudioFlowing(long packets, Duration timeout) {
        return awaitGrowing("remote audio packets", "audio", "packetsReceived", packets, timeout);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> selectedCandidatePairs() {
        return (List<Map<String, Object>>) page.evaluate(SELECTED_PAIRS);
    }

    @SuppressWarnings("unchecked")
    public List<String> videoSenderTracks() {
        return (List<String>) page.evaluate(VIDEO_SENDER_TRACKS);
    }

    public int peerConnectionCount() {
        return (int) number(page.evaluate("() => window.__ssv.peerConnections().length"));
    }

    /** The call engine's participants (one entry per remote peer the SPA knows about). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> participants() {
        return (List<Map<String, Object>>) page.evaluate(
                "() => (window.__ssv.state().participants || []).map(p => ({ peerId: String(p.peerId), name: String(p.name), connectionState: String(p.connectionState) }))");
    }

    public int remoteVideoCount() {
        return page.count("remote-video");
    }

    public void click(String testId) {
        page.click(testId);
    }

    public String pressed(String testId) {
        return page.attribute(testId, "aria-pressed");
    }

    /** Restarts ICE on every peer connection, as the call engine does when the network changes. */
    public void restartIce() {
        page.evaluate("() => window.__ssv.peerConnections().forEach(pc => pc.restartIce())");
    }

    /**
     * Per peer connection: the signaling state, the ICE ufrag of the current local description, and
     * whether its descriptions make this side the DTLS client (its answer said {@code a=setup:active},
     * or the remote answer {@code passive}). Chromium's descriptions tell its role truly; Firefox's
     * own later answers say {@code active} even while it stays the DTLS server.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> negotiationStates() {
        return (List<Map<String, Object>>) page.evaluate("""
                () => window.__ssv.peerConnections().map(pc => {
                  const l = pc.currentLocalDescription, r = pc.currentRemoteDescription;
                  const setup = d => ((d && d.sdp.match(/a=setup:(\\w+)/)) || [])[1];
                  return { signalingState: pc.signalingState,
                           ufrag: String(((l && l.sdp.match(/a=ice-ufrag:(\\S+)/)) || [])[1]),
                           dtlsClient: !!(l && r) && (l.type === 'answer' ? setup(l) === 'active' : setup(r) === 'passive') };
                })""");
    }

    public void closeSignalingSocket() {
        page.evaluate("() => window.__ssv.signalingSocket().close()");
    }

    public boolean signalingOpen() {
        return Boolean.TRUE.equals(page.evaluate(
                "() => { const ws = window.__ssv.signalingSocket(); return !!ws && ws.readyState === 1; }"));
    }

    /** The call engine's own view (status, signaling, room flags, notice, participants), for failure messages. */
    public String engineState() {
        return String.valueOf(page.evaluate("""
                () => { const s = window.__ssv && window.__ssv.state ? window.__ssv.state() : null;
                        return s ? JSON.stringify({ status: s.status, signaling: s.signaling, inRoom: s.inRoom,
                                   waitingRoom: s.waitingRoom, notice: s.notice, fatal: s.fatal,
                                   participants: (s.participants || []).map(p => p.peerId + ':' + p.connectionState) })
                                 : 'no call engine'; }"""));
    }

    public static void waitUntil(String what, Duration timeout, Supplier<Boolean> condition) {
        waitUntil(what, timeout, condition, () -> "");
    }

    public static void waitUntil(String what, Duration timeout, Supplier<Boolean> condition, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " " + diagnosis.get());
            }
            Api.sleep(250);
        }
    }

    /** A diagnosis that must not hide the timeout it explains when the page cannot answer. */
    private static String safely(Supplier<String> diagnosis) {
        try {
            return diagnosis.get();
        } catch (RuntimeException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
