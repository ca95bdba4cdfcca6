package com.smilingsteps.notification.events;

/** One side of a session as the event carries it: what an email needs and nothing more. */
public record Party(String id, String name, String email) {
}
