package com.smilingsteps.session.booking;

/** A participant as stored with the session (and carried in its events). */
public class Party {

    /** The user's id (not named {@code id}: the POJO codec would store that as {@code _id}). */
    public String userId;
    public String name;
    public String email;

    public Party() {
    }

    public Party(String userId, String name, String email) {
        this.userId = userId;
        this.name = name;
        this.email = email;
    }
}
