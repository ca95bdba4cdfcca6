package com.smilingsteps.turn.credentials;

/** A valid token whose subject cannot be a TURN user id (missing, or containing ':'). */
public class UnusableIdentityException extends RuntimeException {

    public UnusableIdentityException(String message) {
        super(message, null, false, false);
    }
}
