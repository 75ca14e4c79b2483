package dev.rayform.core.store;

/** What a put stored: the key, its size in bytes and the lowercase hex SHA-256 of the content. */
public record StoredObject(String key, long size, String sha256) {}
