package dev.parley.provider.entity;

/**
 * A piece of a tool call as it streams, in OpenAI's terms: the call at {@code index} of the reply
 * starts with its {@code id} and function {@code name}; its {@code arguments} (JSON text) arrive in
 * parts. Any part but the index may be null.
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {}
