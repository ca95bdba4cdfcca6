package com.smilingsteps.signaling.ticket;

/** A join ticket that must not let anyone in; the message is safe to show and to audit. */
public class InvalidTicketException extends Exception {

    public static final String INVALID_TICKET = "invalid-ticket";

    private final String code;

    public InvalidTicketException(String message) {
        this(INVALID_TICKET, message);
    }

    /** {@code code} is the {@code error} frame's code. */
    public InvalidTicketException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
