package com.smilingsteps.session.joinlink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.session.account.AccountTokens;
import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.videocall.JoinRules;

/**
 * Issues the personal join links that SessionConfirmed and SessionRescheduled carry to
 * notification-service: one per participant, stored hashed ({@link AccountTokens}, bound to the
 * session), working from 15 minutes before the start until the call window closes.
 */
@ApplicationScoped
public class JoinLinks {

    private final AccountTokens tokens;

    JoinLinks(AccountTokens tokens) {
        this.tokens = tokens;
    }

    /** The links of a session being confirmed (paid), by user id. */
    public Map<String, SessionEvent.JoinLink> forConfirmation(Session session) {
        return issue(session, session.sessionDate);
    }

    /**
     * The link of a group seat being paid, for its client alone (the psychologist's came with the
     * group's first paid seat, or comes with its reminder's session; each seat's client their own).
     */
    public Map<String, SessionEvent.JoinLink> forSeat(Session session, Party seatClient) {
        return issue(session, session.sessionDate, List.of(seatClient));
    }

    /** The links of a session being moved to {@code sessionDate}: none while it is unpaid (no link then either). */
    public Map<String, SessionEvent.JoinLink> forReschedule(Session session, Instant sessionDate) {
        return SessionStatus.CONFIRMED.equals(session.status) ? issue(session, sessionDate) : Map.of();
    }

    /** Once a session has moved, the links mailed for its earlier date(s) stop working. */
    public void withdrawIssuedBefore(Session session, Instant cutoff) {
        tokens.withdraw(session.idText(), AccountTokens.JOIN_SESSION, cutoff);
    }

    private Map<String, SessionEvent.JoinLink> issue(Session session, Instant sessionDate) {
        // a group's paid seats each get their own; an unpaid seat (or a one-to-one session's missing client) none
        List<Party> parties = new ArrayList<>(session.isGroup() ? session.paidClients() : List.of());
        if (!session.isGroup() && session.client != null) {
            parties.add(session.client);
        }
        parties.add(session.psychologist);
        return issue(session, sessionDate, parties);
    }

    private Map<String, SessionEvent.JoinLink> issue(Session session, Instant sessionDate, List<Party> parties) {
        Map<String, SessionEvent.JoinLink> links = new LinkedHashMap<>();
        for (Party party : parties) {
            Instant validFrom = sessionDate.minus(JoinRules.EARLIEST);
            AccountTokens.Issued issued = tokens.issue(party.userId, AccountTokens.JOIN_SESSION, session.idText(), validFrom,
                    JoinRules.windowCloses(sessionDate));
            links.put(party.userId, new SessionEvent.JoinLink(issued.token(), validFrom, issued.expiresAt()));
        }
        return links;
    }
}
