package dev.parley.prompts.entity;

/** The spec's answer to a successful delete. */
public record Deleted(String message) {}
