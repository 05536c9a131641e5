package dev.parley.provider.entity;

/**
 * A whole reply: its text, its usage (reported by the provider, or counted), why it ended, and
 * which model answered it.
 */
public record Completion(String text, Usage usage, String finishReason, Answer answer) {}
