package com.smilingsteps.kit.problem;

/**
 * A refusal with a stable problem type. Thrown by domain code; {@link ProblemMappers} turns it
 * into problem JSON (with {@code Retry-After} when {@link #retryAfterSeconds()} is set).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final String field;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail, String field) {
        this(status, slug, title, detail, field, null);
    }

    private ProblemException(int status, String slug, String title, String detail, String field,
            Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "invalid-input", "Invalid input", detail, field);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " not found", null);
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(403, slug, "Forbidden", detail, null);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, null);
    }

    public static ProblemException tooManyRequests(String slug, String title, String detail, long retryAfterSeconds) {
        return new ProblemException(429, slug, title, detail, null, Math.max(1, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    /** Seconds the caller should wait before trying again, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
