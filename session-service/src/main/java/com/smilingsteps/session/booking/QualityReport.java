package com.smilingsteps.session.booking;

import java.time.Instant;

/** What a participant's browser measured about one call attempt. */
public class QualityReport {

    public String userId;
    public String role;
    public Instant reportedAt;
    public String outcome;
    public Long timeToConnectMs;
    public String candidateType;
    public Double rttMs;
    public Double packetLoss;
    public Double bitrateKbps;
}
