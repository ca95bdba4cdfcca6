package com.smilingsteps.bench.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The offers, answers and ICE candidates the bench peers relay, made as the shared harness makes them
 * ({@code ../shared/bench/signaling-vs-plan}: {@code fakeSdp} and {@code fakeCandidate} in {@code load.js}, and
 * the {@code smiling} adapter's wrapping): a realistic SDP text of {@code sdpBytes} (the harness's lines, padded with
 * {@code a=ssrc} lines), candidates of about {@code candidateBytes} as JSON objects, and the send time appended to
 * the SDP or candidate line as an {@code a=x-bench:seq:ts} attribute (where the harness's candidates have
 * {@code undefined}: they carry no time there), so every delivery can be timed ({@link #sentAt}).
 */
public final class HarnessPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final int sdpBytes;
    public final int candidateBytes;
    /** Per direction per exchange. */
    public final int candidates;
    /** JSON-escaped, without the quotes; the send time is appended per message. */
    private final String offerSdp;
    private final String answerSdp;
    private final List<String> candidateLines = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();

    private HarnessPayloads(int sdpBytes, int candidateBytes, int candidates) {
        this.sdpBytes = sdpBytes;
        this.candidateBytes = candidateBytes;
        this.candidates = candidates;
        this.offerSdp = escaped(sdp("offer", sdpBytes));
        this.answerSdp = escaped(sdp("answer", sdpBytes));
        for (int k = 0; k < Math.max(1, candidates); k++) {
            candidateLines.add(escaped(candidateLine(k, candidateBytes)));
        }
    }

    /** The harness's defaults: SDP_BYTES=3000, CANDIDATE_BYTES=300, CANDIDATES=10. */
    public static HarnessPayloads harness() {
        return new HarnessPayloads(3000, 300, 10);
    }

    /** The same payloads with one of the harness's knobs changed: {@code --sdp-bytes}, {@code --candidate-bytes}, {@code --candidates}. */
    public HarnessPayloads with(String option, int value) {
        return switch (option) {
            case "--sdp-bytes" -> new HarnessPayloads(value, candidateBytes, candidates);
            case "--candidate-bytes" -> new HarnessPayloads(sdpBytes, value, candidates);
            case "--candidates" -> new HarnessPayloads(sdpBytes, candidateBytes, value);
            default -> throw new IllegalArgumentException("unknown option " + option);
        };
    }

    public String offer(String to) {
        return description("offer", offerSdp, to);
    }

    public String answer(String to) {
        return description("answer", answerSdp, to);
    }

    /** The {@code k}-th candidate of an exchange (each k its own address and port, as the harness's). */
    public String candidate(String to, int k) {
        int n = nextSeq();
        long ts = System.nanoTime();
        int mid = k % 2;
        return "{\"type\":\"ice-candidate\",\"to\":" + quoted(to) + ",\"candidate\":{\"candidate\":\""
                + candidateLines.get(k % candidateLines.size()) + "\\r\\na=x-bench:" + n + ":" + ts
                + "\",\"sdpMid\":\"" + mid + "\",\"sdpMLineIndex\":" + mid + ",\"usernameFragment\":\"abcd\",\"seq\":" + n
                + "}}";
    }

    /** The {@link System#nanoTime} a relayed SDP or candidate line was sent at, or -1 when it carries none. */
    static long sentAt(String sdpOrCandidate) {
        int mark = sdpOrCandidate.lastIndexOf("a=x-bench:");
        int time = sdpOrCandidate.lastIndexOf(':') + 1;
        if (mark < 0 || time <= mark + "a=x-bench:".length()) {
            return -1;
        }
        try {
            return Long.parseLong(sdpOrCandidate.substring(time));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The sizes, and the size of each message on the wire, for a benchmark's header. */
    public String describe() {
        String to = "00000000-0000-0000-0000-000000000000";
        HarnessPayloads harness = harness();
        boolean same = sdpBytes == harness.sdpBytes && candidateBytes == harness.candidateBytes && candidates == harness.candidates;
        return String.format("payloads %s: offer and answer SDP %,d B (message %,d B), %d candidates each way of about %d B "
                + "(message %,d B)", same ? "as the shared harness's (--sdp-bytes, --candidate-bytes, --candidates change them)"
                        : "changed from the shared harness's (SDP 3,000 B, 10 candidates of 300 B)",
                sdpBytes, offer(to).length(), candidates, candidateBytes, candidate(to, 0).length());
    }

    private String description(String type, String escapedSdp, String to) {
        int n = nextSeq();
        long ts = System.nanoTime();
        return "{\"type\":\"" + type + "\",\"to\":" + quoted(to) + ",\"sdp\":{\"type\":\"" + type + "\",\"sdp\":\""
                + escapedSdp + "\\r\\na=x-bench:" + n + ":" + ts + "\",\"seq\":" + n + ",\"ts\":" + ts + "}}";
    }

    /** Small, as the harness's exchange numbers are. */
    private int nextSeq() {
        return Math.floorMod(seq.getAndIncrement(), 100);
    }

    /** load.js {@code fakeSdp}: a two-section (audio, video) SDP padded with ssrc lines, cut at {@code bytes}. */
    static String sdp(String kind, int bytes) {
        StringBuilder sdp = new StringBuilder(String.join("\r\n", List.of(
                "v=0", "o=- " + System.currentTimeMillis() + " 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1", "a=extmap-allow-mixed", "a=msid-semantic: WMS stream",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 106 105 13 110 112 113 126",
                "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijklmn",
                "a=ice-options:trickle", "a=fingerprint:sha-256 " + "AB:".repeat(31) + "CD",
                "a=setup:" + (kind.equals("offer") ? "actpass" : "active"),
                "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125",
                "c=IN IP4 0.0.0.0", "a=mid:1", "a=sendrecv", "a=rtcp-mux", "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc", "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96"))).append("\r\n");
        for (int i = 0; sdp.length() < bytes;) {
            int ssrc = 1_000_000 + i++;
            sdp.append("a=ssrc:").append(ssrc).append(" cname:benchmarkcnamepadding").append(i).append("\r\n");
        }
        return sdp.substring(0, Math.min(bytes, sdp.length()));
    }

    /** load.js {@code fakeCandidate}'s candidate line: a srflx candidate padded with " x" to about {@code bytes} as JSON. */
    static String candidateLine(int k, int bytes) {
        String base = "candidate:" + (842163049 + k) + " 1 udp " + (1677729535 - k) + " 192.168.1." + (k % 250 + 2) + " "
                + (50000 + k) + " typ srflx raddr 10.0.0." + (k % 250 + 2) + " rport " + (40000 + k)
                + " generation 0 ufrag abcd network-id 1 network-cost 10";
        return base.length() < bytes - 60 ? base + " x".repeat((bytes - 60 - base.length()) / 2) : base;
    }

    private static String escaped(String text) {
        String json = quoted(text);
        return json.substring(1, json.length() - 1);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
