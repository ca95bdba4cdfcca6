package com.smilingsteps.signaling.ticket;

/** A join ticket that must not let anyone in; the message is safe to show and to audit. */
public class InvalidTicketException extends Exception {

    public InvalidTicketException(String message) {
        super(message);
    }
}
