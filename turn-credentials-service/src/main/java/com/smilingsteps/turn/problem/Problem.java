package com.smilingsteps.turn.problem;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code type} is {@code about:blank}, so the title is the status phrase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response.ResponseBuilder response(Response.StatusType status, String detail, String instance) {
        return Response.status(status.getStatusCode())
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance));
    }
}
