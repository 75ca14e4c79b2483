package dev.rayform.core.webhook;

/**
 * What one attempt came to. {@code responseCode} is null when there was no response (then
 * {@code error} says why); {@code responseBody} is at most the first KiB.
 */
public record AttemptResult(boolean succeeded, Integer responseCode, String responseBody, String error, int durationMs) {}
