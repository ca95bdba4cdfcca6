package com.smilingsteps.session.videocall;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.session.booking.SessionStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Call outcomes for dashboards: {@code video_calls_total{status}} (started, completed, abandoned:
 * completed by the system after the room stayed empty, failed), {@code video_call_relay_total},
 * {@code video_call_time_to_connect_seconds}, {@code video_call_duration_seconds} and
 * {@code sessions_unattended_total{status,noShowBy,session}} (Missed and NoShow sessions, by
 * {@code session} one-to-one or group; a group that met also counts each paid client who never
 * joined as a client NoShow, and {@code sessions_absence_cleared_total} those absences withdrawn),
 * {@code video_call_peers_lost_total} (peers whose signaling instance was gone).
 */
@ApplicationScoped
public class CallMetrics {

    private static final String GROUP = "group";
    private static final String ONE_TO_ONE = "one-to-one";

    private final MeterRegistry registry;

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void started() {
        calls("started").increment();
    }

    public void completed(Duration duration) {
        calls("completed").increment();
        Timer.builder("video.call.duration")
                .description("Length of completed video calls")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMinutes(1))
                .maximumExpectedValue(Duration.ofHours(3))
                .register(registry)
                .record(duration);
    }

    /** A call the system completed after its room stayed empty: counted as completed and as abandoned. */
    public void abandoned(Duration duration) {
        completed(duration);
        calls("abandoned").increment();
    }

    /** A paid session whose window closed with nobody ({@code noShowBy} null) or one side only joined. */
    public void unattended(String status, String noShowBy, boolean group) {
        unattended(status, noShowBy, group ? GROUP : ONE_TO_ONE).increment();
    }

    /** Paid clients absent from a group that met: each counts as a client no-show under {@code session="group"}. */
    public void absentFromGroup(int clients) {
        if (clients > 0) {
            unattended(SessionStatus.NO_SHOW, "client", GROUP).increment(clients);
        }
    }

    /**
     * A group client's absence withdrawn because their join arrived after the end:
     * {@code sessions_absence_cleared_total{session="group"}}. The client no-shows of groups are
     * the unattended count above minus this one (a counter cannot go down).
     */
    public void absenceCleared() {
        Counter.builder("sessions.absence.cleared").description("Group clients marked absent whose earlier join arrived late")
                .tag("session", GROUP).register(registry).increment();
    }

    /**
     * A NoShow whose missing side's join (made inside the window) arrived late, so it completed:
     * {@code sessions_no_show_cleared_total{noShowBy,session}}, to subtract from the unattended count.
     */
    public void noShowCleared(String noShowBy, boolean group) {
        Counter.builder("sessions.no.show.cleared").description("NoShow sessions completed because the missing side's join arrived late")
                .tag("noShowBy", noShowBy).tag("session", group ? GROUP : ONE_TO_ONE).register(registry).increment();
    }

    /**
     * Peers marked left because their signaling instance stopped, or fell silent, without their
     * leaves reaching us: {@code video_call_peers_lost_total} (a steady rise means instances die).
     */
    public void peersLost(int peers) {
        Counter.builder("video.call.peers.lost").description("Call peers marked left because their signaling instance was gone")
                .register(registry).increment(peers);
    }

    private Counter unattended(String status, String noShowBy, String session) {
        return Counter.builder("sessions.unattended").description("Paid sessions nobody or only one side joined; group clients absent")
                .tag("status", status).tag("noShowBy", noShowBy == null ? "none" : noShowBy).tag("session", session)
                .register(registry);
    }

    public void failed() {
        calls("failed").increment();
    }

    public void connected(Duration timeToConnect, boolean relayed) {
        Timer.builder("video.call.time.to.connect")
                .description("From joining the room to the first connected media path")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(timeToConnect);
        if (relayed) {
            Counter.builder("video.call.relay").description("Calls whose media went through the TURN relay")
                    .register(registry).increment();
        }
    }

    private Counter calls(String status) {
        return Counter.builder("video.calls").description("Video calls by outcome").tag("status", status)
                .register(registry);
    }
}
