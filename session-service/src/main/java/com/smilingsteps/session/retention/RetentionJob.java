package com.smilingsteps.session.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.audit.AuditRecord;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

import io.quarkus.scheduler.Scheduled;

/**
 * The plan's data-retention rule (section 6.4): call metadata (meetingLink, videoCallStarted,
 * videoCallEnded, who joined and left when) of Completed sessions whose call ended more than the
 * configured months ago is removed, and of Missed and NoShow sessions that took place that long
 * ago. Audit-log records are kept {@code retention.audit-log-years} (at least 6) and then deleted,
 * so the log is neither lost early nor grows without end. Each run is recorded in the audit log.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final int months;
    private final int auditLogYears;
    private final AuditLog auditLog;

    RetentionJob(RetentionConfig config, AuditLog auditLog) {
        this.months = config.callMetadataMonths();
        this.auditLogYears = config.auditLogYears();
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
        deleteOldAuditRecords(now);
        return cleared;
    }

    /** Deletes audit records older than the audit-log retention as of {@code now}; returns how many. */
    public long deleteOldAuditRecords(Instant now) {
        Instant cutoff = now.atZone(ZoneOffset.UTC).minusYears(auditLogYears).toInstant();
        long deleted = AuditRecord.delete("occurredAt < ?1", cutoff);
        auditLog.record("system", "system", null, "retention.audit-log", "audit_log", null, AuditLog.ALLOWED,
                "deleted audit records older than " + cutoff,
                Map.of("deleted", deleted, "cutoff", cutoff.toString(), "years", auditLogYears));
        LOG.infof("retention run: deleted %d audit records", deleted);
        return deleted;
    }
}
