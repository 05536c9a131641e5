package dev.parley.platform.boundary;

/** The spec's answer to a successful delete, for every resource that can be deleted. */
public record Deleted(String message) {}
