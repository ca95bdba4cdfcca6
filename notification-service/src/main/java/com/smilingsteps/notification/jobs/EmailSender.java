package com.smilingsteps.notification.jobs;

/** Hands one email to SMTP; returns once the server accepted it, throws if it did not. */
public interface EmailSender {

    void send(EmailJob job) throws Exception;

    /**
     * Whether the mail server answers now, asked while jobs wait for it after it could not be
     * reached (at most once per initial backoff): a yes makes them due at once.
     */
    default boolean serverAnswers() {
        return false;
    }
}
