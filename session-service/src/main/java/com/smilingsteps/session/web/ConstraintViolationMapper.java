package com.smilingsteps.session.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.smilingsteps.kit.problem.ProblemMappers;

import io.vertx.core.http.HttpServerRequest;

/**
 * Bean Validation refusals as a 400 naming the first offending field. The kit's {@link
 * ProblemMappers} answer every other error; only this service validates with Bean Validation.
 */
public class ConstraintViolationMapper {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .findFirst().orElse(null);
        String field = first == null ? null : leaf(first.getPropertyPath());
        String detail = first == null ? "invalid input" : field + " " + first.getMessage();
        return ProblemMappers.respond(400, "invalid-input", "Invalid input", detail, field, request);
    }

    private static String leaf(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }
}
