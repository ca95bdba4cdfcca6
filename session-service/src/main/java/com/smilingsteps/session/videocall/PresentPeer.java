package com.smilingsteps.session.videocall;

import java.time.Instant;

/** One signaling peer in a call room and whose it is (signaling keeps one peer per user in a room). */
public class PresentPeer {

    public String peerId;
    public String userId;
    /** The signaling instance holding the peer's socket (null for peers recorded before it was kept). */
    public String instanceId;
    /** The join's event time (signaling's clock). */
    public Instant joinedAt;

    public PresentPeer() {
    }
}
