package com.smilingsteps.gateway.edge;

import com.smilingsteps.kit.problem.Problem;
import com.smilingsteps.kit.problem.ProblemJson;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The service kit's problem JSON on the gateway's Vert.x responses. */
public final class Problems {

    public static final String CONTENT_TYPE = Problem.MEDIA_TYPE;

    private Problems() {
    }

    public static Buffer body(int status, String slug, String title, String detail, String instance) {
        return Buffer.buffer(ProblemJson.write(Problem.of(status, slug, title, detail, instance)));
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail,
            String instance) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
                .end(body(status, slug, title, detail, instance));
    }
}
