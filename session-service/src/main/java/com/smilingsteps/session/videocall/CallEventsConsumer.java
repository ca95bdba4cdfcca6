package com.smilingsteps.session.videocall;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

import io.smallrye.common.annotation.Blocking;

/**
 * Keeps who joined and left each call room from signaling's {@code call-events}. A malformed event
 * is logged and skipped: it must never stop the channel.
 */
@ApplicationScoped
public class CallEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CallEventsConsumer.class);

    private final AttendanceRecorder attendance;
    private final AbsenceCorrection absence;
    private final NoShowCorrection noShow;

    CallEventsConsumer(AttendanceRecorder attendance, AbsenceCorrection absence, NoShowCorrection noShow) {
        this.attendance = attendance;
        this.absence = absence;
        this.noShow = noShow;
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking
    public void consume(String message) {
        CallEvent event;
        try {
            event = EventJson.read(message, CallEvent.class);
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable call event: %s", e.getClass().getSimpleName());
            return;
        }
        if (!AttendanceRecorder.applicable(event)) {
            LOG.warn("skipped a call event that does not follow the call-events contract");
            return;
        }
        try {
            attendance.record(event);
            // also on a redelivery: they complete a correction a crash interrupted (and are no-ops otherwise)
            absence.clearIfJoinedBeforeEnd(event);
            noShow.completeIfJoinedInWindow(event);
        } catch (RuntimeException e) {
            LOG.warnf("call event %s of a session not recorded: %s", event.type(), e.toString());
        }
    }
}
