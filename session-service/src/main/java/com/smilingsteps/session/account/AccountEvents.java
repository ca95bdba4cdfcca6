package com.smilingsteps.session.account;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.session.booking.OutboxEntry;

/** Builds {@code account-events} records ({@link AccountEvent}, infra/contracts) as outbox entries of the user. */
public final class AccountEvents {

    private AccountEvents() {
    }

    static OutboxEntry event(String type, User user, AccountTokens.Issued link) {
        return entry(AccountEvent.of(type, user.idText(), new AccountEvent.Payload(user.name, user.email, user.role,
                link == null ? null : link.token(), link == null ? null : link.expiresAt())));
    }

    /** The outbox entry that publishes {@code event}. */
    public static OutboxEntry entry(AccountEvent event) {
        return new OutboxEntry(event.eventId(), Topics.ACCOUNT_EVENTS, event.type(), EventJson.write(event));
    }
}
