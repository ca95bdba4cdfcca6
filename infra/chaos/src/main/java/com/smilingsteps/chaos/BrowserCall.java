package com.smilingsteps.chaos;

import java.time.Duration;

import com.microsoft.playwright.Browser;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.e2e.Browsers;
import com.smilingsteps.e2e.CallRoom;
import com.smilingsteps.e2e.Participant;

/**
 * One real call between two headless Chromium pages of the SPA (fake camera and microphone),
 * connected through the gateway; it watches the psychologist's decoded video frames while a
 * fault happens, to tell whether the media ever stopped.
 */
final class BrowserCall implements AutoCloseable {

    private static final Duration CONNECT = Duration.ofSeconds(60);

    private final Browsers browsers;
    private final Participant psychologist;
    private final Participant client;
    private CallRoom psychologistRoom;
    private CallRoom clientRoom;
    private long previousFrames;
    private long decoded;
    private long lastGrowth = System.nanoTime();
    private long longestStall;

    private BrowserCall(Browsers browsers, Browser browser, String baseUrl, Api.PaidSession session) {
        this.browsers = browsers;
        this.psychologist = Participant.open(browser, baseUrl, session.psychologist());
        this.client = Participant.open(browser, baseUrl, session.client());
    }

    /** {@code forceRelay}: both pages use only TURN relay candidates (through coturn). */
    static BrowserCall connect(ChaosStack stack, boolean forceRelay) {
        Api.PaidSession session = stack.api().paidSession(stack.admin(), "browser call");
        Browsers browsers = Browsers.create();
        BrowserCall call = new BrowserCall(browsers, browsers.launch(true), stack.gatewayUrl(), session);
        try {
            call.psychologist.login();
            call.client.login();
            call.psychologistRoom = call.psychologist.openCall(session.id(), forceRelay).join();
            call.clientRoom = call.client.openCall(session.id(), forceRelay).join();
            call.clientRoom.awaitStatus("waiting-room", Duration.ofSeconds(30));
            call.psychologistRoom.admitWaiting();
            call.psychologistRoom.awaitStatus("connected", CONNECT);
            call.clientRoom.awaitStatus("connected", CONNECT);
            call.previousFrames = call.psychologistRoom.awaitFramesGrowing(10, CONNECT);
            call.clientRoom.awaitFramesGrowing(10, CONNECT);
            return call;
        } catch (RuntimeException | AssertionError e) {
            call.close();
            throw e;
        }
    }

    /** Both pages' console lines about ICE (restarts, failures), with their wall-clock time, for the figures. */
    java.util.List<String> iceLog() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        psychologist.console().stream().filter(l -> l.contains("ICE")).forEach(l -> lines.add("psychologist " + l));
        client.console().stream().filter(l -> l.contains("ICE")).forEach(l -> lines.add("client " + l));
        return lines;
    }

    /** Reads the decoded frame count; call it often during the fault. */
    void sample() {
        long frames = psychologistRoom.framesDecoded();
        long now = System.nanoTime();
        // Growth since the last sample, not a new maximum: the sum restarts lower when a replaced
        // link closes, and a new link decoding again is media flowing again.
        if (frames > previousFrames) {
            lastGrowth = now;
            decoded += frames - Math.max(previousFrames, 0);
        }
        previousFrames = frames;
        longestStall = Math.max(longestStall, now - lastGrowth);
    }

    /** Frames the psychologist's page decoded since the call connected (over every link it had). */
    long framesNow() {
        return decoded;
    }

    /** The longest time the psychologist's page decoded no new frame, in milliseconds. */
    double longestStallMillis() {
        return longestStall / 1e6;
    }

    /** Both pages back on a signaling socket, connected, each showing exactly one remote participant. */
    boolean recovered() {
        if (psychologist.byTestId("admit-button").count() > 0) {
            psychologistRoom.admitWaiting();
        }
        return psychologistRoom.signalingOpen() && clientRoom.signalingOpen()
                && "connected".equals(psychologistRoom.status()) && "connected".equals(clientRoom.status())
                && psychologistRoom.participants().size() == 1 && clientRoom.participants().size() == 1
                && psychologistRoom.remoteVideoCount() == 1 && clientRoom.remoteVideoCount() == 1;
    }

    String state() {
        return "psychologist " + psychologistRoom.engineState() + ", client " + clientRoom.engineState();
    }

    @Override
    public void close() {
        try {
            psychologist.close();
            client.close();
        } finally {
            browsers.close();
        }
    }
}
