package com.smilingsteps.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents for the errors the gateway itself returns. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://smilingsteps.local/problems/";

    private Problems() {
    }

    public static Buffer body(int status, String type, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return new JsonObject(problem).toBuffer();
    }

    public static void send(HttpServerResponse response, int status, String type, String title, String detail,
            String instance) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
                .end(body(status, type, title, detail, instance));
    }
}
