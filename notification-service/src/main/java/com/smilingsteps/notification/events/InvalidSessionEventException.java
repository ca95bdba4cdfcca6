package com.smilingsteps.notification.events;

/** The record is not an event its topic's contract allows; it goes to the dead-letter topic. */
public class InvalidSessionEventException extends RuntimeException {

    public InvalidSessionEventException(String message) {
        super(message);
    }
}
