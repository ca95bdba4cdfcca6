package com.smilingsteps.session.videocall;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.booking.QualityReport;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionView;
import com.smilingsteps.session.web.Caller;

/** The plan's video-call routes (config lives in turn-credentials-service). */
@Path("/api/video-calls")
@Produces(MediaType.APPLICATION_JSON)
public class VideoCallResource {

    private final VideoCallService calls;
    private final Caller caller;

    VideoCallResource(VideoCallService calls, Caller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    public record Started(String message, SessionView session) {
    }

    public record Ended(String message, Integer duration, SessionView session) {
    }

    public record Details(SessionView session) {
    }

    public record QualityRequest(@NotNull @Pattern(regexp = "connected|failed") String outcome,
            @Min(0) @Max(600_000) Long timeToConnectMs,
            @Pattern(regexp = "host|srflx|prflx|relay") String candidateType,
            @DecimalMin("0") @DecimalMax("60000") Double rttMs,
            @DecimalMin("0") @DecimalMax("1") Double packetLoss,
            @DecimalMin("0") @DecimalMax("100000") Double bitrateKbps) {
    }

    @POST
    @Path("/generate-room/{sessionId}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public VideoCallService.Room generateRoom(@PathParam("sessionId") String sessionId) {
        return calls.generateRoom(sessionId);
    }

    @POST
    @Path("/start/{sessionId}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Started start(@PathParam("sessionId") String sessionId) {
        return new Started("Video call started", seenByCaller(calls.start(sessionId)));
    }

    @POST
    @Path("/end/{sessionId}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Ended end(@PathParam("sessionId") String sessionId) {
        Session session = calls.end(sessionId);
        return new Ended("Video call ended", session.callDuration, seenByCaller(session));
    }

    @GET
    @Path("/session/{sessionId}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Details session(@PathParam("sessionId") String sessionId) {
        return new Details(seenByCaller(calls.view(sessionId)));
    }

    /** A client of a group session sees their own seat only: the others are other people's therapy. */
    private SessionView seenByCaller(Session session) {
        return SessionView.of(session).seenBy(caller);
    }

    @POST
    @Path("/quality/{sessionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response quality(@PathParam("sessionId") String sessionId, @Valid @NotNull QualityRequest request) {
        if ("connected".equals(request.outcome()) && (request.timeToConnectMs() == null || request.candidateType() == null)) {
            throw ProblemException.badRequest(
                    request.timeToConnectMs() == null ? "timeToConnectMs" : "candidateType",
                    "a connected call reports timeToConnectMs and candidateType");
        }
        QualityReport report = new QualityReport();
        report.outcome = request.outcome();
        report.timeToConnectMs = request.timeToConnectMs();
        report.candidateType = request.candidateType();
        report.rttMs = request.rttMs();
        report.packetLoss = request.packetLoss();
        report.bitrateKbps = request.bitrateKbps();
        calls.reportQuality(sessionId, report);
        return Response.noContent().build();
    }
}
