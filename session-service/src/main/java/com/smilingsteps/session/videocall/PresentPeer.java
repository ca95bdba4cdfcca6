package com.smilingsteps.session.videocall;

/** One signaling peer in a call room and whose it is (signaling keeps one peer per user in a room). */
public class PresentPeer {

    public String peerId;
    public String userId;

    public PresentPeer() {
    }
}
