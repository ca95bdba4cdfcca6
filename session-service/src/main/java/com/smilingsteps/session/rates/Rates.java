package com.smilingsteps.session.rates;

/** A psychologist's price per session type, in whole KES, as stored on the account (null: not offered yet). */
public class Rates {

    public Long individual;
    public Long group;

    public Rates() {
    }

    public Rates(Long individual, Long group) {
        this.individual = individual;
        this.group = group;
    }

    /** The rate for {@code sessionType} ("individual" or "group"), or null when none is set. */
    public Long of(String sessionType) {
        return switch (sessionType) {
            case "individual" -> individual;
            case "group" -> group;
            default -> null;
        };
    }
}
