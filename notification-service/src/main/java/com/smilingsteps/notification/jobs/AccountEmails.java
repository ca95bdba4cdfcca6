package com.smilingsteps.notification.jobs;

import java.time.Instant;

import com.smilingsteps.contracts.AccountEvent;

/** The one email an account event calls for, due now. Pure: no I/O, no clock. */
public final class AccountEmails {

    private AccountEmails() {
    }

    public static EmailJob job(AccountEvent event, Instant now) {
        EmailKind kind = switch (event.type()) {
            case AccountEvent.VERIFICATION_REQUESTED -> EmailKind.VERIFY_EMAIL;
            case AccountEvent.REGISTRATION_ATTEMPTED -> EmailKind.REGISTRATION_ATTEMPTED;
            case AccountEvent.PASSWORD_RESET_REQUESTED -> EmailKind.PASSWORD_RESET;
            case AccountEvent.INVITED -> EmailKind.INVITATION;
            default -> throw new IllegalArgumentException("not an account event type: " + event.type());
        };
        AccountEvent.Payload account = event.payload();
        Recipient to = new Recipient(account.role(), event.userId(), account.name(), account.email());
        EmailJob.AccountLink link = event.carriesLink() ? new EmailJob.AccountLink(account.token(), account.expiresAt()) : null;
        return new EmailJob(EmailJob.eventEmailId(event.eventId(), kind, account.role()), kind, null, event.eventId(), to,
                null, null, null, null, null, now, 0, null, link);
    }
}
