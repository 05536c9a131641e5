package dev.parley.ratelimit.entity;

/** The request-rate limit as the {@code RateLimit-*} headers tell it. */
public record RateStatus(boolean allowed, long limit, long remaining, long resetSeconds) {}
