package com.smilingsteps.turn.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.smilingsteps.contracts.SessionEvent;

/**
 * Which users may relay through coturn right now: the client (a group's paid clients) and psychologist of a paid session
 * (Confirmed or In Progress) whose join window is open, learnt from {@code session-events}. A call
 * In Progress stays joinable (a participant who left may rejoin) until it is ended or abandoned,
 * even past start + 120 min: its window keeps rolling until an event says it is over. The
 * latest event of a session carries its whole state, so each event simply replaces what was known.
 * Plain and in memory: every instance reads the topic from its start when it boots.
 */
public final class JoinWindows {

    private static final String IN_PROGRESS = "In Progress";
    private static final Set<String> JOINABLE = Set.of("Confirmed", IN_PROGRESS);

    /** {@code clientIds}: the one client, or every client holding a paid seat of a group session. */
    private record Window(Set<String> clientIds, String psychologistId, Instant opens, Instant closes, boolean started) {

        boolean has(String userId) {
            return clientIds.contains(userId) || userId.equals(psychologistId);
        }

        Instant closesAt(Instant now, Duration after) {
            Instant rolling = now.plus(after);
            return started && rolling.isAfter(closes) ? rolling : closes;
        }
    }

    private final Duration before;
    private final Duration after;
    private final ConcurrentHashMap<String, Window> bySession = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();

    public JoinWindows(Duration before, Duration after) {
        this.before = before;
        this.after = after;
    }

    /** Events of one session arrive in order (key = sessionId), from one consumer thread. */
    public synchronized void apply(SessionEvent event) {
        SessionEvent.Payload payload = event.payload();
        forget(event.sessionId());
        if (payload == null || payload.sessionDate() == null || !JOINABLE.contains(payload.status())
                || payload.everyClient().isEmpty() || payload.psychologist() == null) {
            return;
        }
        // a group's event lists every paid seat; the client a seat's own event names may not have paid
        Set<String> clientIds = payload.everyClient().stream().map(SessionEvent.Party::id).collect(Collectors.toUnmodifiableSet());
        Window window = new Window(clientIds, payload.psychologist().id(),
                payload.sessionDate().minus(before), payload.sessionDate().plus(after), IN_PROGRESS.equals(payload.status()));
        bySession.put(event.sessionId(), window);
        window.clientIds().forEach(clientId -> index(clientId, event.sessionId()));
        index(window.psychologistId(), event.sessionId());
    }

    /** One of a user's sessions whose join window is open, and when that window closes. */
    public record OpenWindow(String sessionId, Instant closes) {
    }

    /** When the latest open window of one of this user's sessions closes; empty when none is open now. */
    public Optional<Instant> openUntil(String userId, Instant now) {
        return openWindow(userId, now).map(OpenWindow::closes);
    }

    /** The session of this user's whose open window closes last (credentials last until then); empty when none is open. */
    public Optional<OpenWindow> openWindow(String userId, Instant now) {
        OpenWindow latest = null;
        for (String sessionId : sessionsByUser.getOrDefault(userId, Set.of())) {
            Window window = bySession.get(sessionId);
            if (window == null || !window.has(userId)) {
                continue;
            }
            Instant closes = window.closesAt(now, after);
            if (!now.isBefore(window.opens()) && now.isBefore(closes) && (latest == null || closes.isAfter(latest.closes()))) {
                latest = new OpenWindow(sessionId, closes);
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Forgets windows that closed before {@code now}: memory stays bounded by the sessions still ahead. */
    public synchronized void forgetClosed(Instant now) {
        bySession.entrySet().stream().filter(e -> !now.isBefore(e.getValue().closesAt(now, after))).map(java.util.Map.Entry::getKey)
                .toList().forEach(this::forget);
    }

    private void forget(String sessionId) {
        Window old = bySession.remove(sessionId);
        if (old != null) {
            old.clientIds().forEach(clientId -> unindex(clientId, sessionId));
            unindex(old.psychologistId(), sessionId);
        }
    }

    private void index(String userId, String sessionId) {
        sessionsByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(sessionId);
    }

    private void unindex(String userId, String sessionId) {
        sessionsByUser.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(sessionId);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    public int size() {
        return bySession.size();
    }
}
