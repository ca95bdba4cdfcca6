package com.smilingsteps.session.booking;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "booking")
public interface BookingConfig {

    /** How long one session lasts and holds the psychologist. */
    @WithDefault("PT1H")
    Duration slotLength();

    /** Free time kept between two sessions of one psychologist. */
    @WithDefault("PT10M")
    Duration buffer();

    /** How long ahead a client must book (admins booking for a client are exempt). */
    @WithDefault("PT2H")
    Duration notice();

    /** Working hours and time off are in this zone; times are stored in UTC. */
    @WithDefault("Africa/Nairobi")
    java.time.ZoneId timeZone();

    /** The longest window one availability request may ask for. */
    @WithDefault("P35D")
    Duration maxAvailabilityWindow();

    /** How far ahead a session may be booked. */
    @WithDefault("P365D")
    Duration maxAdvance();

    /** How long a new (Pending, unpaid) booking holds its slot before it expires. */
    @WithDefault("PT30M")
    Duration paymentHold();

    /** A client cancelling a paid session more than this ahead is refunded (refundStatus Due). */
    @WithDefault("PT24H")
    Duration freeCancelBefore();

    /** Bookings one client may make in any 24 hours (mail and slot flooding). */
    @WithDefault("10")
    int clientBookingsPerDay();

    /** Cancellations plus reschedules one client may make in any 24 hours (each mails both parties). */
    @WithDefault("10")
    int clientChangesPerDay();
}
