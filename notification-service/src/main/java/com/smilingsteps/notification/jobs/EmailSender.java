package com.smilingsteps.notification.jobs;

/** Hands one email to SMTP; returns once the server accepted it, throws if it did not. */
public interface EmailSender {

    void send(EmailJob job) throws Exception;
}
