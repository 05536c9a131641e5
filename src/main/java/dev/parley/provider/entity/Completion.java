package dev.parley.provider.entity;

/** A whole reply: its text, its usage (reported by the provider, or counted) and why it ended. */
public record Completion(String text, Usage usage, String finishReason) {}
