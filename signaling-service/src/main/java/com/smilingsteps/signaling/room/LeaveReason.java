package com.smilingsteps.signaling.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a participant left a room; sent in {@code user-left} and in ParticipantLeft. */
public enum LeaveReason {
    LEFT("left"),
    DISCONNECTED("disconnected"),
    REPLACED("replaced"),
    INSTANCE_LOST("instance-lost"),
    /** The session was cancelled, completed or expired, or its call window closed (session-events). */
    SESSION_ENDED("session-ended");

    private final String wireName;

    LeaveReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
