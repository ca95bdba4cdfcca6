package com.smilingsteps.session.booking;

/** An event written in the same document update as the state change it reports, waiting for the relay. */
public class OutboxEntry {

    public String eventId;
    public String topic;
    public String type;
    /** The exact JSON to publish (envelope included). */
    public String json;

    public OutboxEntry() {
    }

    public OutboxEntry(String eventId, String topic, String type, String json) {
        this.eventId = eventId;
        this.topic = topic;
        this.type = type;
        this.json = json;
    }
}
