package com.smilingsteps.notification.events;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.contracts.Topics;

/** Reads {@code session-events} values into the contract's {@link SessionEvent} record ({@link ContractReader}). */
public final class SessionEventReader {

    private final ContractReader<SessionEvent> reader = new ContractReader<>(Topics.SESSION_EVENTS, SessionEvent.class);

    /** The event, or {@link InvalidSessionEventException} naming what is wrong (never the values). */
    public SessionEvent read(String value) {
        return reader.read(value);
    }
}
