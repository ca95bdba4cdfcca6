package com.smilingsteps.e2e;

import java.time.Duration;

/** Where a test reads the links the system mails to people (GreenMail over POP3, or a stack's mail catcher). */
@FunctionalInterface
public interface MailLinks {

    /** The first link with a token in the email to {@code address} with {@code subject}, waiting for it to arrive. */
    String linkIn(String address, String subject, Duration timeout);
}
