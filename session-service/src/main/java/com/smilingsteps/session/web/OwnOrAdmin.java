package com.smilingsteps.session.web;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;

/** A psychologist's own things (working hours, photo) are changed by that psychologist or an admin; every decision is audited. */
@ApplicationScoped
public class OwnOrAdmin {

    private final Caller caller;
    private final AuditLog auditLog;

    public OwnOrAdmin(Caller caller, AuditLog auditLog) {
        this.caller = caller;
        this.auditLog = auditLog;
    }

    /** Lets the caller change {@code what} ("hours", "photo") of user {@code userId}, or refuses with 403 {@code not-own-<what>}. */
    public void require(String action, String userId, String what) {
        String resource = "user:" + userId;
        if (caller.isAdmin()) {
            auditLog.allowed(action, resource, null, "admin role");
        } else if (userId.equals(caller.userId())) {
            auditLog.allowed(action, resource, null, "own " + what);
        } else {
            auditLog.denied(action, resource, null, "another psychologist's " + what);
            throw ProblemException.forbidden("not-own-" + what, "psychologists change only their own " + what);
        }
    }
}
