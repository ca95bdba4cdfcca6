package com.smilingsteps.session.videocall;

import java.time.Instant;
import java.util.List;

/**
 * Who was in a session's call room and when, kept from signaling's {@code call-events}: stored
 * inside the session document so every change to it is one conditional update of that document.
 */
public class CallAttendance {

    /** When the first participant joined the room. */
    public Instant firstJoinAt;
    /** When the latest participant left the room. */
    public Instant lastLeaveAt;
    /** When the last participant still present left; unset while anyone is in the room. */
    public Instant emptySince;
    /** Signaling's peer ids of the connections in the room now (a rejoin is a new peer). */
    public List<String> present;
    /** Whose each peer in {@code present} is: a user's join replaces their earlier peers. */
    public List<PresentPeer> peers;
    public boolean clientJoined;
    public boolean psychologistJoined;
    /** The user ids of the clients who joined at least once (a group's absent clients are the paid ones not here). */
    public List<String> clientIds;
    /** The call-events already applied: a redelivered event changes nothing. */
    public List<String> eventIds;
}
