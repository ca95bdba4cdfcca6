package com.smilingsteps.session.videocall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.QualityReport;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.token.TokenIssuer;
import com.smilingsteps.session.web.Caller;

/** The plan's video-call API: rooms, join tickets, start/end with atomic status changes, call quality. */
@ApplicationScoped
public class VideoCallService {

    /** Per participant: the SPA sends two or three per call attempt; a few retries and rejoins fit well within. */
    static final int MAX_QUALITY_REPORTS_PER_PARTICIPANT = 25;
    private static final String PSYCHOLOGIST = "psychologist";

    private final SessionStore store;
    private final TokenIssuer tokens;
    private final AuditLog auditLog;
    private final Caller caller;
    private final OutboxRelay relay;
    private final CallMetrics metrics;
    private final AccountService accounts;

    VideoCallService(SessionStore store, TokenIssuer tokens, AuditLog auditLog, Caller caller, OutboxRelay relay,
            CallMetrics metrics, AccountService accounts) {
        this.accounts = accounts;
        this.store = store;
        this.tokens = tokens;
        this.auditLog = auditLog;
        this.caller = caller;
        this.relay = relay;
        this.metrics = metrics;
    }

    public record Participant(String id, String name) {
    }

    public record Room(String roomId, String sessionId, Map<String, Participant> participants, String ticket,
            Instant ticketExpiresAt) {
    }

    public Room generateRoom(String sessionId) {
        Session session = store.require(sessionId);
        authorizeJoin(session, "video-call.ticket");
        // the last change the join rules saw (not the meeting link's below, made without a second check)
        Instant judgedAsOf = session.updatedAt;
        if (session.meetingLink == null) {
            Session updated = store.update(session.id, Filters.eq("meetingLink", null),
                    List.of(Updates.set("meetingLink", "room-" + UUID.randomUUID())), null);
            // null: a concurrent request generated it first; use theirs
            session = updated != null ? updated : store.require(sessionId);
        }
        String role = session.roleOf(caller.userId());
        String name = !"client".equals(role) ? session.psychologist.name
                : session.isGroup() ? session.seatOf(caller.userId()).client.name : session.client.name;
        int roomSize = session.isGroup() ? session.capacity + 1 : 2;
        TokenIssuer.Signed ticket = tokens.ticket(new TokenIssuer.TicketClaims(caller.userId(), session.meetingLink,
                session.idText(), role, name, session.sessionType, roomSize, judgedAsOf));
        return new Room(session.meetingLink, session.idText(), participants(session), ticket.token(), ticket.expiresAt());
    }

    /** The psychologist and the client, or (group) every client with a paid seat keyed {@code client:<id>}. */
    private static Map<String, Participant> participants(Session session) {
        Map<String, Participant> participants = new LinkedHashMap<>();
        participants.put(PSYCHOLOGIST, new Participant(session.psychologist.userId, session.psychologist.name));
        if (session.isGroup()) {
            session.paidClients().forEach(c -> participants.put("client:" + c.userId, new Participant(c.userId, c.name)));
        } else {
            participants.put("client", new Participant(session.client.userId, session.client.name));
        }
        return participants;
    }

    /** First start moves Confirmed → In Progress and records the time; later starts keep the first time. */
    public Session start(String sessionId) {
        Session session = store.require(sessionId);
        authorizeJoin(session, "video-call.start");
        if (SessionStatus.IN_PROGRESS.equals(session.status)) {
            return session;
        }
        Instant now = Instant.now();
        Session updated = store.update(session.id, Filters.eq("status", SessionStatus.CONFIRMED),
                List.of(Updates.set("status", SessionStatus.IN_PROGRESS), Updates.set("videoCallStarted", now)),
                SessionEvents.event(SessionEvents.CALL_STARTED, session, SessionStatus.IN_PROGRESS,
                        Map.of("startedAt", now)));
        if (updated == null) {
            Session current = store.require(sessionId);
            if (SessionStatus.IN_PROGRESS.equals(current.status)) {
                return current;
            }
            throw ProblemException.conflict("session-not-active", "the session is " + current.status);
        }
        metrics.started();
        relay.nudge();
        return updated;
    }

    /**
     * In Progress → Completed with the duration in minutes; ending again returns the completed
     * session. Only the psychologist ends a session: a client leaves (and may rejoin).
     */
    public Session end(String sessionId) {
        Session session = store.require(sessionId);
        authorizeParticipant(session, "video-call.end", true);
        if (SessionStatus.COMPLETED.equals(session.status)) {
            return session;
        }
        if (!SessionStatus.IN_PROGRESS.equals(session.status)) {
            throw ProblemException.conflict("call-not-started", "the call was never started (session is " + session.status + ")");
        }
        Instant now = Instant.now();
        Duration length = Duration.between(session.videoCallStarted, now);
        int minutes = CallOutcomes.minutes(session.videoCallStarted, now);
        Map<String, Object> extra = new HashMap<>(Map.of("startedAt", session.videoCallStarted, "endedAt", now,
                "durationMinutes", minutes, "endedBy", PSYCHOLOGIST));
        List<Bson> changes = new ArrayList<>(List.of(Updates.set("status", SessionStatus.COMPLETED),
                Updates.set("videoCallEnded", now), Updates.set("callDuration", minutes), Updates.set("endedBy", PSYCHOLOGIST)));
        // a group's paid clients who never joined are marked absent (as far as call-events have told by now)
        List<String> absent = CallOutcomes.absentClients(session);
        if (session.isGroup()) {
            extra.put("absentClients", absent);
            changes.add(Updates.set("absentClients", absent));
        }
        Session updated = store.update(session.id, Filters.eq("status", SessionStatus.IN_PROGRESS), changes,
                SessionEvents.event(SessionEvents.CALL_ENDED, session, SessionStatus.COMPLETED, extra));
        if (updated == null) {
            Session current = store.require(sessionId);
            if (SessionStatus.COMPLETED.equals(current.status)) {
                return current;
            }
            throw ProblemException.conflict("session-not-active", "the session is " + current.status);
        }
        metrics.completed(length);
        metrics.absentFromGroup(absent.size());
        relay.nudge();
        return updated;
    }

    public Session view(String sessionId) {
        Session session = store.require(sessionId);
        String resource = "session:" + session.idText();
        if (caller.isAdmin()) {
            auditLog.allowed("video-call.view", resource, session.idText(), "admin role (metadata only)");
        } else if (session.isParticipant(caller.userId())) {
            auditLog.allowed("video-call.view", resource, session.idText(), "participant");
        } else {
            auditLog.denied("video-call.view", resource, session.idText(), "not a participant");
            throw ProblemException.forbidden("not-participant", "you are not a participant of this session");
        }
        return session;
    }

    public void reportQuality(String sessionId, QualityReport report) {
        Session session = store.require(sessionId);
        authorizeParticipant(session, "video-call.quality", false);
        // Only a call that happened, or is being attempted now, can be reported on: not a cancelled,
        // unpaid or far-off session (whose reports would skew the dashboards and fill the document).
        boolean attempted = session.videoCallStarted != null
                || JoinRules.decide(session, caller.userId(), false, Instant.now()).allowed();
        if (!attempted) {
            throw ProblemException.conflict("call-not-started",
                    "quality reports are taken for calls that were started or can be joined now");
        }
        long mine = session.callQuality == null ? 0
                : session.callQuality.stream().filter(earlier -> caller.userId().equals(earlier.userId)).count();
        if (mine >= MAX_QUALITY_REPORTS_PER_PARTICIPANT) {
            throw new ProblemException(429, "too-many-reports", "Too many reports",
                    "you already sent " + MAX_QUALITY_REPORTS_PER_PARTICIPANT + " quality reports for this session", null);
        }
        report.userId = caller.userId();
        report.role = session.roleOf(caller.userId());
        report.reportedAt = Instant.now();
        // The SPA reports on connect and again at the end: only a caller's first report of an
        // outcome counts, or every call would show up twice on the dashboards.
        boolean firstOfItsKind = session.callQuality == null || session.callQuality.stream()
                .noneMatch(earlier -> report.userId.equals(earlier.userId) && report.outcome.equals(earlier.outcome));
        store.update(session.id, Filters.empty(), List.of(Updates.push("callQuality", report)), null);
        if (!firstOfItsKind) {
            return;
        }
        if ("failed".equals(report.outcome)) {
            metrics.failed();
        } else {
            metrics.connected(Duration.ofMillis(report.timeToConnectMs), "relay".equals(report.candidateType));
        }
    }

    private void authorizeJoin(Session session, String action) {
        String resource = "session:" + session.idText();
        // An access token (a join link's lasts until the call window closes) outlives a disabling or
        // an erasure: without a ticket from here, the call cannot be joined.
        if (accounts.byId(caller.userId()).filter(user -> !user.disabled).isEmpty()) {
            auditLog.denied(action, resource, session.idText(), "account disabled or erased");
            throw ProblemException.forbidden("account-disabled", "this account has been disabled; contact the practice");
        }
        JoinRules.Decision decision = JoinRules.decide(session, caller.userId(), caller.isAdmin(), Instant.now());
        if (!decision.allowed()) {
            auditLog.denied(action, resource, session.idText(), decision.reason());
            throw new ProblemException(decision.status(), decision.slug(),
                    decision.status() == 409 ? "Conflict" : "Forbidden", decision.reason(), null);
        }
        auditLog.allowed(action, resource, session.idText(), decision.reason());
    }

    private void authorizeParticipant(Session session, String action, boolean onlyPsychologist) {
        String resource = "session:" + session.idText();
        if (caller.isAdmin()) {
            auditLog.denied(action, resource, session.idText(), "admins never take part in a therapy call");
            throw ProblemException.forbidden("admin-cannot-join", "admins never take part in a therapy call");
        }
        if (!session.isParticipant(caller.userId())) {
            auditLog.denied(action, resource, session.idText(), "not a participant");
            throw ProblemException.forbidden("not-participant", "you are not a participant of this session");
        }
        if (onlyPsychologist && !PSYCHOLOGIST.equals(session.roleOf(caller.userId()))) {
            auditLog.denied(action, resource, session.idText(), "only the psychologist ends a session; a client leaves");
            throw ProblemException.forbidden("only-psychologist-ends",
                    "only the psychologist ends the session; leave the call instead (you may rejoin while it is open)");
        }
        auditLog.allowed(action, resource, session.idText(), onlyPsychologist ? "the session's psychologist" : "participant");
    }
}
