package com.smilingsteps.signaling.room;

/** A participant as currently known: admitted to the room, or still in its waiting room. */
public record Member(Participant participant, boolean admitted) {
}
