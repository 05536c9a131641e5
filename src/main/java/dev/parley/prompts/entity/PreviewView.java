package dev.parley.prompts.entity;

/**
 * The answer of a preview: the model's reply, the tokens it took (prompt and reply) and the model.
 */
public record PreviewView(String preview, int tokensUsed, String modelUsed) {}
