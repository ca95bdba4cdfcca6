package com.smilingsteps.session.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

import io.quarkus.scheduler.Scheduled;

/**
 * The plan's data-retention rule (section 6.4): call metadata (meetingLink, videoCallStarted,
 * videoCallEnded, who joined and left when) of Completed sessions whose call ended more than the
 * configured months ago is removed, and of Missed and NoShow sessions that took place that long
 * ago. Each run is recorded in the audit log.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final int months;
    private final AuditLog auditLog;

    RetentionJob(RetentionConfig config, AuditLog auditLog) {
        this.months = config.callMetadataMonths();
        this.auditLog = auditLog;
    }

    @Scheduled(cron = "${retention.cron:0 0 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(Instant.now());
    }

    /** Clears old call metadata as of {@code now}; returns how many sessions were cleared. */
    public long run(Instant now) {
        Instant cutoff = now.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
        long cleared = Session.collection().updateMany(
                Filters.and(Filters.eq("status", SessionStatus.COMPLETED), Filters.lt("videoCallEnded", cutoff)),
                Updates.combine(Updates.unset("meetingLink"), Updates.unset("videoCallStarted"),
                        Updates.unset("videoCallEnded"), Updates.unset("attendance"))).getModifiedCount();
        cleared += Session.collection().updateMany(
                Filters.and(Filters.in("status", SessionStatus.MISSED, SessionStatus.NO_SHOW), Filters.lt("sessionDate", cutoff),
                        Filters.or(Filters.exists("meetingLink"), Filters.exists("attendance"))),
                Updates.combine(Updates.unset("meetingLink"), Updates.unset("attendance"))).getModifiedCount();
        auditLog.record("system", "system", null, "retention.call-metadata", "sessions", null, AuditLog.ALLOWED,
                "cleared call metadata of Completed, Missed and NoShow sessions before " + cutoff,
                Map.of("cleared", cleared, "cutoff", cutoff.toString(), "months", months));
        LOG.infof("retention run: cleared call metadata of %d sessions", cleared);
        return cleared;
    }
}
