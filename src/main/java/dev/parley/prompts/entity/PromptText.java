package dev.parley.prompts.entity;

/** The editable fields of a prompt; {@code metadata} is a JSON object as text, or null. */
public record PromptText(
    String title, String content, String scenario, String description, String metadata) {}
