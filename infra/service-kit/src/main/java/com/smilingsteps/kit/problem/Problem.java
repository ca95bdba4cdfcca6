package com.smilingsteps.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the body of every error any service returns. {@code type} is
 * {@code https://smilingsteps.local/problems/<slug>}; {@code field} names the offending input of a 400.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://smilingsteps.local/problems/";

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(type(slug), title, status, detail, instance, null);
    }

    public static String type(String slug) {
        return TYPE_BASE + slug;
    }

    /** The slug of a status the services answer without a more specific one. */
    public static String slug(int status) {
        return switch (status) {
            case 400 -> "invalid-input";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            default -> status >= 500 ? "server-error" : "http-" + status;
        };
    }
}
