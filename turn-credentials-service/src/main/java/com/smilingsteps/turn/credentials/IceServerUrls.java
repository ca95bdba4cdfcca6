package com.smilingsteps.turn.credentials;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured ICE URLs split into STUN (no credentials) and TURN (credentials). Without any
 * STUN URL configured, each plain TURN endpoint also serves as STUN server (coturn answers
 * Binding requests on its listening ports), so no third-party STUN server is ever used unless
 * an operator lists one.
 */
public record IceServerUrls(List<IceUrl> stun, List<IceUrl> turn) {

    public static IceServerUrls parse(List<String> configured) {
        List<IceUrl> stun = new ArrayList<>();
        List<IceUrl> turn = new ArrayList<>();
        for (String text : configured) {
            if (text.isBlank()) {
                continue;
            }
            IceUrl url = IceUrl.parse(text);
            (url.isTurn() ? turn : stun).add(url);
        }
        if (stun.isEmpty()) {
            Set<String> derived = new LinkedHashSet<>();
            for (IceUrl url : turn) {
                if (url.scheme().equals("turn")) {
                    derived.add("stun:" + url.endpoint());
                }
            }
            derived.forEach(text -> stun.add(IceUrl.parse(text)));
        }
        return new IceServerUrls(List.copyOf(stun), List.copyOf(turn));
    }

    /**
     * Each plain {@code turn:}/{@code stun:} endpoint once: coturn answers STUN Binding over UDP on
     * its listening port whatever transport the URL names. {@code turns:} ports speak TLS only.
     */
    public List<IceUrl> udpProbeTargets() {
        Set<String> seen = new LinkedHashSet<>();
        List<IceUrl> targets = new ArrayList<>();
        for (List<IceUrl> urls : List.of(turn, stun)) {
            for (IceUrl url : urls) {
                if (url.isPlain() && seen.add(url.endpoint())) {
                    targets.add(url);
                }
            }
        }
        return targets;
    }
}
