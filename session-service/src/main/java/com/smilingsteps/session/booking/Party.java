package com.smilingsteps.session.booking;

/** A participant as stored with the session (and carried in its events). */
public class Party {

    public String id;
    public String name;
    public String email;

    public Party() {
    }

    public Party(String id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
    }
}
