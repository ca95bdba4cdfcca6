package com.smilingsteps.signaling.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who a participant is in a call; the waiting room and {@code admit} depend on it. */
public enum Role {
    CLIENT("client"),
    PSYCHOLOGIST("psychologist");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The role named by a ticket's {@code role} claim, or null for anything else. */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        return null;
    }
}
